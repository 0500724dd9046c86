package dev.spool.internal.queue;

import dev.spool.internal.Keys;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.resps.Tuple;

/**
 * The queue protocol for operators: counts, listings, pause, purge, cancel, the queue registry and
 * workers' heartbeats. Scripts are built by {@link QueueCalls} and run through the {@link Broker};
 * the few single-key commands run here. Nothing here is on a job's hot path except what the
 * fetch script reads of a pause.
 */
public final class Operator {

    /** Most waiting jobs one purge call removes, so that no call holds Redis for long. */
    public static final int PURGE_BATCH = 5000;

    private final Redis redis;
    private final Broker broker;
    private final Keys keys;

    /** The operator protocol over this connection and namespace. */
    public Operator(Redis redis, Broker broker, Keys keys) {
        this.redis = redis;
        this.broker = broker;
        this.keys = keys;
    }

    /**
     * A queue's counts as stored.
     *
     * @param queued ready to run
     * @param scheduled waiting for a due time
     * @param active leased to a worker
     * @param dead failed for good
     * @param succeeded succeeded with the result kept
     * @param waiting waiting for a workflow's inputs
     * @param paused whether the queue is paused
     */
    public record Counts(long queued, long scheduled, long active, long dead, long succeeded, long waiting,
            boolean paused) {}

    /** Counts one queue's jobs by state, in one script call. */
    public Counts counts(QueueKeys q) {
        List<?> r = (List<?>) broker.run(QueueCalls.countJobs(q));
        return new Counts((Long) r.get(0), (Long) r.get(1), (Long) r.get(2), (Long) r.get(3), (Long) r.get(4),
                (Long) r.get(5), (Long) r.get(6) == 1L);
    }

    /** Counts several queues' jobs in one pipeline, in the order given. */
    public List<Counts> counts(List<QueueKeys> queues) {
        List<Redis.Call> calls = new ArrayList<>(queues.size());
        queues.forEach(q -> calls.add(QueueCalls.countJobs(q)));
        List<Object> replies = broker.runAll(calls);
        List<Counts> out = new ArrayList<>(replies.size());
        for (Object reply : replies) {
            if (reply instanceof RuntimeException e) {
                throw e;
            }
            List<?> r = (List<?>) reply;
            out.add(new Counts((Long) r.get(0), (Long) r.get(1), (Long) r.get(2), (Long) r.get(3), (Long) r.get(4),
                    (Long) r.get(5), (Long) r.get(6) == 1L));
        }
        return out;
    }

    /**
     * One listed job as stored.
     *
     * @param id the job id
     * @param score the score in the state's structure (ms), or -1
     * @param state as {@link Broker.StoredStatus#state()}, plus {@code x} cancelled
     * @param attempts runs so far
     * @param worker the worker that fetched it last, or {@code ""}
     * @param payload the packed payload, or {@code ""} when gone
     * @param failureJson the failure record, or {@code ""}
     * @param progress {@code "<fraction>|<message>"}, or {@code ""}
     * @param nowMillis Redis' clock when it was read
     * @param task the task name a succeeded job's record keeps apart from its payload, or {@code ""}
     * @param startedAtMillis when its current or last attempt started (Redis' clock, ms), or -1
     */
    public record Listed(String id, long score, String state, int attempts, String worker, String payload,
            String failureJson, String progress, long nowMillis, String task, long startedAtMillis,
            long finishedAtMillis) {}

    /** One page of a queue's jobs in state {@code q s a f d w}. */
    public List<Listed> list(QueueKeys q, char state, long offset, int limit) {
        return listed(broker.run(QueueCalls.listJobs(q, state, offset, limit, List.of())));
    }

    /** The jobs with these ids, whatever their state ({@code m} when there is none). */
    public List<Listed> read(QueueKeys q, List<String> ids) {
        return listed(broker.run(QueueCalls.listJobs(q, 'i', 0, ids.size(), ids)));
    }

    private static List<Listed> listed(Object reply) {
        List<?> r = (List<?>) reply;
        List<Listed> out = new ArrayList<>(r.size() / 11);
        for (int i = 0; i + 11 < r.size(); i += 12) {
            String score = (String) r.get(i + 1);
            out.add(new Listed((String) r.get(i), score.isEmpty() ? -1 : (long) Double.parseDouble(score),
                    (String) r.get(i + 2), Integer.parseInt((String) r.get(i + 3)), (String) r.get(i + 4),
                    (String) r.get(i + 5), (String) r.get(i + 6), (String) r.get(i + 7),
                    Long.parseLong((String) r.get(i + 8)), (String) r.get(i + 9), millis((String) r.get(i + 10)),
                    millis((String) r.get(i + 11))));
        }
        return out;
    }

    /** A stored time in ms, or -1 when absent or not a time (a record edited by hand). */
    private static long millis(String stored) {
        try {
            return stored.isEmpty() ? -1 : Math.max(-1, (long) Double.parseDouble(stored));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * What a cancel did.
     *
     * @param code 1 cancelled before it ran, 2 a running job cancelled, 0 finished already, -1 no such job
     * @param stateBefore its state before ({@code q s w a d f x m})
     */
    public record Cancelled(int code, String stateBefore) {}

    /** Cancels one job. */
    public Cancelled cancel(QueueKeys q, String id, long deadTtlSeconds, String reason) {
        List<?> r = (List<?>) broker.run(QueueCalls.cancel(q, id, deadTtlSeconds, reason));
        return new Cancelled((int) (long) (Long) r.get(0), (String) r.get(1));
    }

    /** Ids of running jobs cancelled in the last 10 minutes (newest first, at most 1000). */
    public List<String> cancelledRuns(QueueKeys q) {
        return redis.call(j -> j.zrevrange(q.cancels(), 0, 999));
    }

    /** Removes every job waiting in the queue (at most what was there when it began); returns how many. */
    public long purge(QueueKeys q) {
        Counts before = counts(q);
        long limit = before.queued() + before.scheduled();
        long removed = 0;
        long asked = 0;
        while (asked < limit) {
            int batch = (int) Math.min(PURGE_BATCH, limit - asked);
            long n = (Long) broker.run(QueueCalls.purge(q, batch));
            removed += n;
            asked += batch;
            if (n == 0) {
                break;
            }
        }
        return removed;
    }

    /** Pauses a queue: from now on its fetches lease nothing (a single key, no TTL). */
    public void pause(QueueKeys q) {
        redis.call(j -> j.set(q.paused(), "1"));
    }

    /** Resumes a paused queue; false if it was not paused. Workers notice within half a second. */
    public boolean resume(QueueKeys q) {
        return redis.call(j -> j.del(q.paused())) == 1L;
    }

    /** Ids in a queue's dead set, oldest first, from rank {@code offset}. */
    public List<String> deadIds(QueueKeys q, long offset, int limit) {
        return redis.call(j -> j.zrange(q.dead(), offset, offset + limit - 1));
    }

    /**
     * The per-minute counters of the last {@code minutes} minutes of Redis' clock, oldest first: for
     * each, its minute since the epoch, jobs succeeded and failed attempts. One pipelined round trip.
     */
    public List<long[]> minutes(QueueKeys q, int minutes) {
        return redis.call(j -> {
            long now = (Long) j.eval("return tonumber(redis.call('TIME')[1])") / 60; // Redis' clock, as the scripts
            List<redis.clients.jedis.Response<List<String>>> replies = new ArrayList<>(minutes);
            try (redis.clients.jedis.AbstractPipeline p = j.pipelined()) {
                for (long m = now - minutes + 1; m <= now; m++) {
                    replies.add(p.hmget(q.stat(m), "p", "f"));
                }
                p.sync();
            }
            List<long[]> out = new ArrayList<>(minutes);
            for (int i = 0; i < minutes; i++) {
                List<String> v = replies.get(i).get();
                out.add(new long[] {now - minutes + 1 + i, count(v.get(0)), count(v.get(1))});
            }
            return out;
        });
    }

    private static long count(String stored) {
        try {
            return stored == null ? 0 : Math.max(0, Long.parseLong(stored));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Trims expired entries from a queue's done and held sets; returns how many. */
    public long trimKept(QueueKeys q, int max) {
        return (Long) broker.run(QueueCalls.trimKept(q, max));
    }

    // ---- the queue registry --------------------------------------------------------------------------

    /** Adds queue names to the namespace's registry. */
    public void register(Set<String> queues) {
        redis.call(j -> j.sadd(keys.registry(), queues.toArray(String[]::new)));
    }

    /** Every queue name in the registry, sorted. */
    public Set<String> registered() {
        Set<String> names = redis.call(j -> j.smembers(keys.registry()));
        return new TreeSet<>(names);
    }

    /** Removes a queue name from the registry. */
    public boolean unregister(String queue) {
        return redis.call(j -> j.srem(keys.registry(), queue)) == 1L;
    }

    // ---- workers' heartbeats ---------------------------------------------------------------------------

    /** Writes a worker's heartbeat ({@code ttlSeconds} 0: removes it); returns the beat's time (ms). */
    public long beat(String workerId, long ttlSeconds, Map<String, String> fields) {
        List<String> pairs = new ArrayList<>(fields.size() * 2);
        fields.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return (Long) broker.run(QueueCalls.beat(keys.workers(), keys.worker(workerId), workerId, ttlSeconds, pairs));
    }

    /** Live workers' descriptions by id, each with its field {@code beat}; ids whose description expired are left out. */
    public Map<String, Map<String, String>> workers() {
        List<Tuple> ids = redis.call(j -> j.zrangeWithScores(keys.workers(), 0, -1));
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Tuple t : ids) {
            Map<String, String> fields = redis.call(j -> j.hgetAll(keys.worker(t.getElement())));
            if (!fields.isEmpty()) {
                out.put(t.getElement(), fields);
            }
        }
        return out;
    }
}
