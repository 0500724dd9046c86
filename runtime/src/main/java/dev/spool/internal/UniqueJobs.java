package dev.spool.internal;

import dev.spool.JobOptions;
import dev.spool.JobOptions.UniqueKey;
import dev.spool.SpoolException;
import dev.spool.annotations.Unique;
import dev.spool.internal.queue.QueueCalls;
import dev.spool.spi.TaskDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Unique jobs: finds a call's unique key (its own, or the task's {@code @Task(unique)} rule over
 * its arguments) and enqueues under it with {@code enqueueUnique-5.lua}, which returns the job that
 * holds the key when one does.
 */
public final class UniqueJobs {

    private UniqueJobs() {}

    /**
     * The unique key of this call: the call's {@link JobOptions#unique()}, else the task's rule with
     * a key made of the task's name and a hash of its encoded arguments.
     */
    public static Optional<UniqueKey> keyOf(Codec codec, TaskDescriptor<?> task, JobOptions options, Object[] arguments) {
        if (options.unique().isPresent()) {
            return options.unique();
        }
        return task.unique().map(rule -> new UniqueKey(task.name() + ":" + sha1(codec.encodeArguments(task,
                arguments == null ? new Object[] {null} : arguments)), rule.scope(), rule.period()));
    }

    /** Writes one prepared job under {@code key}; returns it with the id of the job that holds the key. */
    public static SpoolCore.Prepared enqueue(SpoolCore core, SpoolCore.Prepared job, UniqueKey key) {
        core.register(List.of(job.queue()));
        char scope = switch (key.scope()) {
            case WHILE_QUEUED -> 'q';
            case UNTIL_FINISHED -> 'f';
            case FOR_PERIOD -> 'p';
            case NONE -> throw new IllegalArgumentException("not a unique key: " + key);
        };
        long ttl = key.period() != null ? key.period().toMillis() : core.deadTtl().toMillis();
        String id = job.id();
        for (int attempt = 0; attempt < 5; attempt++) {
            List<?> reply = (List<?>) core.broker().run(QueueCalls.enqueueUnique(job.queue(), key.key(), id, job.payload(),
                    job.when(), scope, ttl));
            long code = (Long) reply.get(0);
            if (code != -2) {
                Object holder = reply.get(1);
                String holderId = holder instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(holder);
                return new SpoolCore.Prepared(job.queue(), holderId, job.task(), job.payload(), job.when());
            }
            id = JobIds.next();
        }
        throw new SpoolException("could not find a free job id after 5 attempts");
    }

    /** The SHA-1 of a text's UTF-8 bytes, in hex (also for long concurrency keys). */
    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
