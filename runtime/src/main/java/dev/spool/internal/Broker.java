package dev.spool.internal;

import dev.spool.internal.Keys.QueueKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Every queue operation Spool performs on Redis, one method per Lua script. Times inside the
 * scripts come from Redis' clock; the arguments here are durations only (or absolute run-at
 * times the caller asked for).
 */
public final class Broker {

    /** The most wake-up tokens kept in a queue's signal list. */
    public static final int SIGNAL_CAP = 64;

    /** Result code: the lease token is stale; nothing was written. */
    public static final long STALE_TOKEN = -1;
    /** Result code: a job with this id exists already. */
    public static final long DUPLICATE_ID = -2;

    private final Redis redis;

    /** A broker over this connection. */
    public Broker(Redis redis) {
        this.redis = redis;
    }

    /** The connection. */
    public Redis redis() {
        return redis;
    }

    /**
     * The script call that enqueues one job.
     *
     * @param when {@code "0"} now, {@code "+<ms>"} after a delay from Redis' now, {@code "@<ms>"}
     *     at an absolute epoch time
     */
    public static Redis.Call enqueueCall(QueueKeys q, String id, String packedPayload, String when) {
        return new Redis.Call(LuaScript.ENQUEUE_JOB, List.of(q.waiting(), q.ready(), q.due(), q.signal()),
                List.of(id, packedPayload, when, Integer.toString(SIGNAL_CAP)));
    }

    /** Enqueues one job: 1 queued, 2 scheduled, {@link #DUPLICATE_ID}. */
    public long enqueue(QueueKeys q, String id, String packedPayload, String when) {
        Redis.Call call = enqueueCall(q, id, packedPayload, when);
        return (Long) redis.eval(call.script(), call.keys(), call.args());
    }

    /**
     * A leased job.
     *
     * @param queue the queue's keys
     * @param id the job id
     * @param token the lease token; completion, failure, renewal and hand-back must present it
     * @param attempt which run this is, from 1
     * @param payload the packed payload
     */
    public record Leased(QueueKeys queue, String id, String token, int attempt, String payload) {}

    /** Leases up to {@code max} ready jobs. */
    public List<Leased> fetch(QueueKeys q, int max, long leaseMillis) {
        return fetch(q, max, leaseMillis, null);
    }

    /** Leases up to {@code max} ready jobs for this worker (kept in the job records, for the attempt history). */
    public List<Leased> fetch(QueueKeys q, int max, long leaseMillis, String workerId) {
        List<String> args = List.of(q.jobPrefix(), Integer.toString(max), Long.toString(leaseMillis),
                workerId == null ? "" : workerId);
        List<?> flat = (List<?>) redis.eval(LuaScript.FETCH_JOBS,
                List.of(q.ready(), q.waiting(), q.active(), q.token()), args);
        return leased(q, flat, 0);
    }

    /**
     * What one {@link #completeAndFetch} call did.
     *
     * @param recorded one flag per completion, false when its token was stale
     * @param jobs the jobs leased
     */
    public record Exchange(List<Boolean> recorded, List<Leased> jobs) {}

    /**
     * Records results and leases up to {@code max} ready jobs in one atomic script call on one
     * queue: the completions are token-checked exactly as in {@link #complete}, then the fetch runs
     * as in {@link #fetch}. With no completions this is a fetch, with {@code max} 0 a completion.
     */
    public Exchange completeAndFetch(QueueKeys q, List<Completion> completions, long resultTtlSeconds, int max,
            long leaseMillis, String workerId) {
        List<String> args = new ArrayList<>(5 + completions.size() * 3);
        args.add(q.jobPrefix());
        args.add(Integer.toString(max));
        args.add(Long.toString(leaseMillis));
        args.add(workerId == null ? "" : workerId);
        args.add(Long.toString(resultTtlSeconds));
        for (Completion c : completions) {
            args.add(c.id());
            args.add(c.token());
            args.add(c.resultJson());
        }
        List<?> flat = (List<?>) redis.eval(LuaScript.FETCH_JOBS, List.of(q.ready(), q.waiting(), q.active(), q.token()), args);
        int n = completions.size();
        List<Boolean> recorded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            recorded.add(((Long) flat.get(i)) == 1L);
        }
        return new Exchange(recorded, leased(q, flat, n));
    }

    private static List<Leased> leased(QueueKeys q, List<?> flat, int from) {
        List<Leased> jobs = new ArrayList<>((flat.size() - from) / 4);
        for (int i = from; i + 3 < flat.size(); i += 4) {
            jobs.add(new Leased(q, (String) flat.get(i), (String) flat.get(i + 1),
                    Integer.parseInt((String) flat.get(i + 2)), (String) flat.get(i + 3)));
        }
        return jobs;
    }

    /**
     * A successful run to record.
     *
     * @param id the job id
     * @param token its lease token
     * @param resultJson the encoded result
     */
    public record Completion(String id, String token, String resultJson) {}

    /** Records results; one boolean per completion, false when its token was stale. */
    public List<Boolean> complete(QueueKeys q, List<Completion> completions, long resultTtlSeconds) {
        List<String> args = new ArrayList<>(2 + completions.size() * 3);
        args.add(q.jobPrefix());
        args.add(Long.toString(resultTtlSeconds));
        for (Completion c : completions) {
            args.add(c.id());
            args.add(c.token());
            args.add(c.resultJson());
        }
        return flags(redis.eval(LuaScript.COMPLETE_JOBS, List.of(q.active()), args));
    }

    /**
     * Records a failed attempt: 1 retry scheduled, 2 failed for good, {@link #STALE_TOKEN}.
     *
     * @param retryable false for failures a retry cannot fix (bad payload, unknown task)
     */
    public long fail(QueueKeys q, String id, String token, String failureJson, boolean retryable,
            int retries, long backoffMillis, long deadTtlSeconds) {
        return fail(q, id, token, failureJson, retryable, retries, backoffMillis, deadTtlSeconds, null);
    }

    /**
     * Records a failed attempt and appends {@code historyJson} (a JSON object without the time,
     * which the script adds) to the job's attempt history.
     */
    public long fail(QueueKeys q, String id, String token, String failureJson, boolean retryable,
            int retries, long backoffMillis, long deadTtlSeconds, String historyJson) {
        List<String> args = new ArrayList<>(List.of(q.jobPrefix(), id, token, failureJson, retryable ? "1" : "0",
                Integer.toString(retries), Long.toString(backoffMillis), Long.toString(deadTtlSeconds)));
        if (historyJson != null) {
            args.add(historyJson);
        }
        return (Long) redis.eval(LuaScript.FAIL_JOB, List.of(q.active(), q.due(), q.dead()), args);
    }

    /**
     * A lease held by a worker.
     *
     * @param id the job id
     * @param token the lease token
     */
    public record Lease(String id, String token) {}

    /** Extends leases; one boolean per lease, false when it was lost. */
    public List<Boolean> renew(QueueKeys q, List<Lease> leases, long leaseMillis) {
        return flags(redis.eval(LuaScript.RENEW_LEASES, List.of(q.active()), leaseArgs(q, Long.toString(leaseMillis), leases)));
    }

    /** Hands jobs back to the front of their queue; one boolean per lease. */
    public List<Boolean> handBack(QueueKeys q, List<Lease> leases) {
        return flags(redis.eval(LuaScript.RETURN_JOBS, List.of(q.active(), q.ready(), q.signal()),
                leaseArgs(q, Integer.toString(SIGNAL_CAP), leases)));
    }

    /** Takes back expired leases: {recovered, failed for good}. */
    public long[] recover(QueueKeys q, int max, int reclaimLimit, long deadTtlSeconds) {
        List<?> r = (List<?>) redis.eval(LuaScript.RECOVER_LEASES, List.of(q.active(), q.ready(), q.dead(), q.signal()),
                List.of(q.jobPrefix(), Integer.toString(max), Integer.toString(reclaimLimit),
                        Long.toString(deadTtlSeconds), Integer.toString(SIGNAL_CAP)));
        return new long[] {(Long) r.get(0), (Long) r.get(1)};
    }

    /** Moves due jobs to ready: {moved, ms until the next due job or -1}. */
    public long[] promote(QueueKeys q, int max) {
        List<?> r = (List<?>) redis.eval(LuaScript.PROMOTE_DUE, List.of(q.due(), q.ready(), q.signal()),
                List.of(q.jobPrefix(), Integer.toString(max), Integer.toString(SIGNAL_CAP)));
        return new long[] {(Long) r.get(0), (Long) r.get(1)};
    }

    /**
     * A job's state as stored.
     *
     * @param state {@code s} scheduled, {@code q} queued, {@code a} active, {@code d} succeeded,
     *     {@code f} failed, {@code m} missing
     * @param attempts runs so far
     * @param resultJson the encoded result, or null
     * @param failureJson the encoded failure, or null
     */
    public record StoredStatus(String state, int attempts, String resultJson, String failureJson) {}

    /** Reads one job's state. */
    public StoredStatus status(QueueKeys q, String id) {
        List<?> r = (List<?>) redis.eval(LuaScript.READ_STATUS, List.of(q.waiting(), q.due(), q.job(id)), List.of(id));
        return new StoredStatus((String) r.get(0), Integer.parseInt((String) r.get(1)),
                r.get(2) instanceof String s ? s : null, r.get(3) instanceof String s ? s : null);
    }

    /** Re-queues a dead job; false if it is not dead (any more). */
    public boolean retryDead(QueueKeys q, String id) {
        return (Long) redis.eval(LuaScript.RETRY_DEAD, List.of(q.dead(), q.ready(), q.signal(), q.job(id)),
                List.of(id, Integer.toString(SIGNAL_CAP))) == 1L;
    }

    /** Deletes a dead job; false if it is not dead. */
    public boolean deleteDead(QueueKeys q, String id) {
        return (Long) redis.eval(LuaScript.DELETE_DEAD, List.of(q.dead(), q.job(id)), List.of(id)) == 1L;
    }

    private static List<String> leaseArgs(QueueKeys q, String second, List<Lease> leases) {
        List<String> args = new ArrayList<>(2 + leases.size() * 2);
        args.add(q.jobPrefix());
        args.add(second);
        for (Lease lease : leases) {
            args.add(lease.id());
            args.add(lease.token());
        }
        return args;
    }

    private static List<Boolean> flags(Object reply) {
        List<?> list = (List<?>) reply;
        List<Boolean> flags = new ArrayList<>(list.size());
        for (Object o : list) {
            flags.add(((Long) o) == 1L);
        }
        return flags;
    }
}
