package dev.spool;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs of one queue that failed for good (after their retries, or at once for an unknown task
 * or a payload that does not decode), newest first. Obtain one from {@link Spool#deadLetters}.
 */
public final class DeadLetters {

    private final SpoolCore core;
    private final QueueKeys queue;

    DeadLetters(SpoolCore core, QueueKeys queue) {
        this.core = core;
        this.queue = queue;
    }

    /**
     * One job that failed for good.
     *
     * @param id the job id
     * @param task the task name ({@code ""} if the record expired meanwhile or the payload is unreadable)
     * @param failedAt when it failed for good (Redis' clock)
     * @param failure why (the reason of its last attempt), if still recorded
     * @param arguments the job's arguments as JSON, if still recorded and readable
     * @param payload the raw packed payload as it was stored (header lines and arguments), or null
     * @param history its attempts, oldest first: each failed run and each lease expiry, with the
     *     worker, time and error (the newest are kept when there are many)
     */
    public record DeadJob(String id, String task, Instant failedAt, JobFailure failure, String arguments,
            String payload, List<Attempt> history) {}

    /**
     * One attempt in a dead job's history.
     *
     * @param attempt which run it was, from 1
     * @param at when it ended (Redis' clock)
     * @param worker the id of the worker that ran it ({@code Worker.id()}), or empty
     * @param error the exception class or Spool reason, e.g. {@code dev.spool.LeaseExpired}
     * @param message the error message, cut to a few hundred characters
     */
    public record Attempt(int attempt, Instant at, String worker, String error, String message) {}

    /** How many jobs are in the dead set. */
    public long size() {
        return core.broker().deadCount(queue);
    }

    /**
     * Up to {@code limit} dead jobs, newest first. A job whose record is corrupt (see
     * {@link CorruptRecordException}) is listed with a failure of class {@code dev.spool.CorruptRecord}
     * saying so.
     */
    public List<DeadJob> list(int limit) {
        List<Broker.DeadEntry> entries = core.broker().deadEntries(queue, limit);
        List<DeadJob> jobs = new ArrayList<>(entries.size());
        for (Broker.DeadEntry entry : entries) {
            try {
                jobs.add(read(entry.id(), entry.diedAtMillis()));
            } catch (CorruptRecordException e) {
                jobs.add(new DeadJob(entry.id(), "", Instant.ofEpochMilli(entry.diedAtMillis()),
                        new JobFailure("dev.spool.CorruptRecord", e.getMessage(), "", 0), null, null, List.of()));
            }
        }
        return jobs;
    }

    /**
     * One dead job, if it is in the dead set. Any id the dead set holds can be read, also one no
     * Spool client would have chosen.
     *
     * @throws CorruptRecordException if the job's record is not a hash
     */
    public Optional<DeadJob> get(String id) {
        checkId(id);
        return core.broker().diedAt(queue, id).map(at -> read(id, at));
    }

    private DeadJob read(String id, long diedAtMillis) {
        Map<String, String> record;
        try {
            record = core.broker().record(queue, id);
        } catch (SpoolException e) {
            if (e.getMessage() != null && e.getMessage().contains("WRONGTYPE")) {
                throw new CorruptRecordException("dead job \"" + id + "\" of queue " + queue.queue()
                        + " has a record that is not a hash (" + queue.job(id) + "); delete(id) removes it", e);
            }
            throw e;
        }
        String packed = record.get("p");
        Payload payload = null;
        if (packed != null) {
            try {
                payload = Payload.unpack(packed);
            } catch (CodecException e) {
                payload = null;
            }
        }
        String failure = record.get("f");
        return new DeadJob(id, payload == null ? "" : payload.task(), Instant.ofEpochMilli(diedAtMillis),
                failure == null ? null : core.codec().decodeFailure(failure), payload == null ? null : payload.arguments(),
                packed, core.codec().decodeHistory(record.get("h")));
    }

    /** Sends a dead job back to its queue with a fresh attempt count; false if it is not dead. */
    public boolean retry(String id) {
        checkId(id);
        return core.broker().retryDead(queue, id);
    }

    /** Deletes a dead job and its record; false if it is not dead. */
    public boolean delete(String id) {
        checkId(id);
        return core.broker().deleteDead(queue, id);
    }

    /** Sends every dead job of the queue back to it (at most as many as were dead when it began); returns how many. */
    public long retryAll() {
        return forAll(true);
    }

    /** Deletes every dead job of the queue and its record (at most as many as were dead when it began); returns how many. */
    public long deleteAll() {
        return forAll(false);
    }

    private long forAll(boolean retry) {
        long limit = size();
        long done = 0;
        long asked = 0;
        while (asked < limit) {
            List<String> ids = core.operator().deadIds(queue, 0, (int) Math.min(500, limit - asked));
            if (ids.isEmpty()) {
                break;
            }
            List<dev.spool.internal.Redis.Call> calls = new ArrayList<>(ids.size());
            for (String id : ids) {
                calls.add(retry ? dev.spool.internal.queue.QueueCalls.retryDead(queue, id)
                        : dev.spool.internal.queue.QueueCalls.deleteDead(queue, id));
            }
            long round = 0;
            for (Object reply : core.broker().runAll(calls)) {
                if (reply instanceof RuntimeException e) {
                    throw e;
                }
                round += (Long) reply;
            }
            done += round;
            asked += ids.size();
            if (round == 0) {
                break; // entries that cannot be retried (their record is gone or corrupt) stay
            }
        }
        return done;
    }

    /** Ids are refused only when empty: a hostile entry may carry any id, and must be readable and removable. */
    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a job id must not be null or empty");
        }
    }
}
