package dev.spool.internal;

import dev.spool.JobOptions;
import dev.spool.PayloadTooLargeException;
import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.spi.TaskDescriptor;
import java.time.Duration;
import java.util.Map;

/** Turns a task call into a packed job ready to be written: checks, encodes, and asks the propagators. */
final class JobPreparer {

    private final Keys keys;
    private final Codec codec;
    private final int maxPayloadBytes;
    private final Propagation propagation;

    JobPreparer(Keys keys, Codec codec, int maxPayloadBytes, Propagation propagation) {
        this.keys = keys;
        this.codec = codec;
        this.maxPayloadBytes = maxPayloadBytes;
        this.propagation = propagation;
    }

    /** Encodes and checks one job; with {@code propagate}, the propagators give it what it carries. */
    SpoolCore.Prepared prepare(TaskDescriptor<?> task, JobOptions options, Object[] arguments, String id, boolean propagate) {
        if (task.name().indexOf('\n') >= 0 || task.name().isEmpty()) {
            throw new SpoolException("invalid task name \"" + task.name() + "\"");
        }
        QueueKeys queue = keys.queue(options.queue().orElse(task.queue()));
        String json = codec.encodeArguments(task, arguments == null ? new Object[] {null} : arguments);
        long size = Codec.utf8Length(json);
        if (size > maxPayloadBytes) {
            throw new PayloadTooLargeException(task.name(), size, maxPayloadBytes);
        }
        int retries = options.retries().orElse(task.retries());
        long timeout = options.timeout().or(task::timeout).map(Duration::toMillis).orElse(0L);
        String when = "0";
        long due = System.currentTimeMillis();
        if (options.delay().isPresent() && !options.delay().get().isZero()) {
            when = "+" + options.delay().get().toMillis();
            due += options.delay().get().toMillis();
        } else if (options.runAt().isPresent()) {
            when = "@" + options.runAt().get().toEpochMilli();
            due = options.runAt().get().toEpochMilli();
        }
        long dueAt = due;
        long expiresAt = options.expiresIn().or(task::expiresIn).map(e -> dueAt + e.toMillis()).orElse(0L);
        return new SpoolCore.Prepared(queue, id, task.name(), new Payload(task.name(), retries, timeout, json, options.noRetryFor(),
                expiresAt, ConcurrencyKeys.of(task, arguments),
                propagate ? propagation.collect(id, queue.queue(), task.name()) : Map.of(),
                options.priority().orElse(task.priority())).pack(), when);
    }
}
