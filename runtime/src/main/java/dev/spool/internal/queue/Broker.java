package dev.spool.internal.queue;

import dev.spool.RedisOutOfMemoryException;
import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.Redis;
import dev.spool.internal.Redis.Call;
import dev.spool.internal.ReplyLostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

// Over 400 lines: one method per queue script keeps the reply parsing next to the call it belongs to.
// Move the dead-letter and status reads to a class of their own before adding more.
/**
 * Every queue operation Spool performs on Redis: the one class that runs commands and scripts
 * (the calls themselves are built by {@link QueueCalls}, the replies read through {@link Reply}).
 * Times inside the scripts come from Redis' clock; the arguments here are durations only (or
 * absolute run-at times the caller asked for).
 *
 * <p>A reply lost to a broken connection is asked for once more on a fresh connection: every
 * script answers a repeat of the same call truthfully (see each script's header), and where a
 * repeat cannot tell (a completion whose record was discarded), the method says so in its
 * result. A script's error reply (a wrong-typed or corrupt key; the script wrote nothing) is a
 * {@link ScriptFailedException}.
 */
public final class Broker {

    private final Redis redis;

    /** A broker over this connection. */
    public Broker(Redis redis) {
        this.redis = redis;
    }

    /** Runs one call; after a lost reply, once more. */
    public Object run(Call call) {
        try {
            return eval(call);
        } catch (ReplyLostException e) {
            return eval(call);
        }
    }

    /** Runs one call once; an error reply of the script becomes a {@link ScriptFailedException}. */
    private Object eval(Call call) {
        try {
            return redis.eval(call.script(), call.keys(), call.args());
        } catch (ReplyLostException | RedisOutOfMemoryException e) {
            throw e;
        } catch (SpoolException e) {
            if (e.getCause() instanceof JedisDataException refused && !(refused instanceof JedisClusterException)
                    && !(refused instanceof redis.clients.jedis.exceptions.JedisRedirectionException)) {
                // (a cluster's CLUSTERDOWN, TRYAGAIN or MOVED is not the script's refusal: it did not run)
                throw new ScriptFailedException("Redis refused " + call.script() + " (keys " + call.keys() + "): "
                        + refused.getMessage(), e);
            }
            throw e;
        }
    }

    /** Runs many calls in one pipeline (each atomic on its own); after a lost reply, all once more. */
    public List<Object> runAll(List<Call> calls) {
        if (calls.size() == 1) {
            return List.of(run(calls.get(0)));
        }
        try {
            return redis.evalAll(calls);
        } catch (ReplyLostException e) {
            return redis.evalAll(calls);
        }
    }

    /** Enqueues one job. */
    public Reply enqueue(QueueKeys q, String id, String packedPayload, String when) {
        return Reply.ofEnqueue(run(QueueCalls.enqueue(q, id, packedPayload, when)));
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

    /**
     * A successful run to record.
     *
     * @param id the job id
     * @param token its lease token
     * @param resultJson the encoded result, or {@code ""} to discard it (the record is deleted)
     */
    public record Completion(String id, String token, String resultJson) {}

    /**
     * What one {@link #completeAndFetch} call did.
     *
     * @param recorded one reply per completion
     * @param corrupt the corrupt entries the fetch met and dead-lettered instead (id to reason)
     * @param jobs the jobs leased
     * @param paused whether the queue is paused (nothing was leased)
     * @param limitedMillis when the queue's rate limit is reached, the ms until its next start is
     *     allowed (no fetch leases anything before); 0 otherwise
     */
    public record Exchange(List<Reply> recorded, Map<String, String> corrupt, List<Leased> jobs, boolean paused,
            long limitedMillis) {}

    /** Leases up to {@code max} ready jobs; the records of corrupt entries it meets expire after a week. */
    public List<Leased> fetch(QueueKeys q, int max, long leaseMillis) {
        return completeAndFetch(q, List.of(), 0, max, leaseMillis, null, 7 * 24 * 3600).jobs();
    }

    /**
     * Records results and leases up to {@code max} ready jobs in one atomic script call on one
     * queue: the completions are token-checked exactly as in {@link #complete}, then the fetch
     * runs. With no completions this is a fetch, with {@code max} 0 a completion. Each call
     * carries a fresh request id: asked again after a lost reply, the script returns the batch
     * the first call leased (those of its jobs still leased to it) instead of leasing more. Corrupt entries are dead-lettered on their own (their records expire after
     * {@code deadTtlSeconds}) and listed in the result.
     */
    public Exchange completeAndFetch(QueueKeys q, List<Completion> completions, long resultTtlSeconds, int max,
            long leaseMillis, String workerId, long deadTtlSeconds) {
        Call call = QueueCalls.fetch(q, completions, resultTtlSeconds, max, leaseMillis, workerId, deadTtlSeconds,
                max > 0 ? requestId() : "");
        List<?> flat;
        try {
            flat = (List<?>) eval(call);
        } catch (ReplyLostException e) {
            flat = (List<?>) eval(call);
        }
        Exchange exchange = FetchReply.read(q, completions.size(), flat);
        readBackDiscarded(q, completions, exchange.recorded());
        return exchange;
    }

    /**
     * An idle worker's wait for a wake-up token on one queue and its next fetch in one round trip
     * (see {@link dev.spool.internal.Redis#popThenEval}): the fetch of up to {@code max} jobs runs in
     * Redis as soon as the pop returns, with a token or at the timeout. After a lost reply the
     * fetch is asked again with the same request id (its batch, if it leased one, comes back).
     *
     * @return what the fetch did, or null where one round trip is not possible (the caller waits, then fetches)
     */
    public Exchange awaitThenFetch(QueueKeys q, double seconds, int max, long leaseMillis, String workerId,
            long deadTtlSeconds) {
        Call call = QueueCalls.fetch(q, List.of(), 0, max, leaseMillis, workerId, deadTtlSeconds, requestId());
        Object flat;
        try {
            flat = redis.popThenEval(new String[] {q.signal()}, seconds, call.script(), call.keys(), call.args());
        } catch (ReplyLostException e) {
            flat = eval(call);
        } catch (RedisOutOfMemoryException e) {
            throw e;
        } catch (SpoolException e) {
            flat = eval(call); // an error reply of the script: asked on its own, it says so as every fetch does
        }
        return flat == null ? null : FetchReply.read(q, 0, (List<?>) flat);
    }

    private static String requestId() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** Records results; one reply per completion. */
    public List<Reply> complete(QueueKeys q, List<Completion> completions, long resultTtlSeconds) {
        Call call = QueueCalls.complete(q, completions, resultTtlSeconds);
        List<?> codes;
        try {
            codes = (List<?>) eval(call);
        } catch (ReplyLostException e) {
            codes = (List<?>) eval(call);
        }
        List<Reply> replies = new ArrayList<>(codes.size());
        for (Object code : codes) {
            replies.add(Reply.ofCompletion(code));
        }
        readBackDiscarded(q, completions, replies);
        return replies;
    }

    /**
     * A discarded result leaves no record to recognise a repeat by (of this call after a lost
     * reply, or of an earlier call whose answer was lost, such as a fetch that carried it), so a
     * stale answer for it is read back before the worker says "not recorded". A job whose record
     * is gone was completed (a job taken back after an expired lease keeps its record).
     */
    private void readBackDiscarded(QueueKeys q, List<Completion> completions, List<Reply> replies) {
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) == Reply.STALE_LEASE && completions.get(i).resultJson().isEmpty()
                    && "m".equals(status(q, completions.get(i).id()).state())) {
                replies.set(i, Reply.RECORDED_BEFORE);
            }
        }
    }

    /**
     * A failed attempt to record.
     *
     * @param id the job id
     * @param token its lease token
     * @param failureJson the failure record
     * @param retryable false for failures a retry cannot fix
     * @param retries how many retries the job allows
     * @param backoffMillis the wait before the retry
     * @param historyJson the attempt-history entry (a JSON object without the time, which the
     *     script adds), or null
     */
    public record Failed(String id, String token, String failureJson, boolean retryable, int retries,
            long backoffMillis, String historyJson) {}

    /** Records a failed attempt: retry scheduled, failed for good, or a stale lease. */
    public Reply fail(QueueKeys q, Failed failed, long deadTtlSeconds) {
        return Reply.ofFailure(run(QueueCalls.fail(q, failed, deadTtlSeconds)));
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
        return flags(run(QueueCalls.renew(q, leases, leaseMillis)));
    }

    /** Writes running jobs' progress (one packed report per lease); one boolean per lease, false when it was lost. */
    public List<Boolean> reportProgress(QueueKeys q, List<Lease> leases, List<String> progress) {
        return flags(run(QueueCalls.reportProgress(q, leases, progress)));
    }

    /** What {@link #expire} found: the job expired (discarded), is in time, or its lease was lost. */
    public enum Expiry { EXPIRED, IN_TIME, LEASE_LOST }

    /** Discards a leased job if its start deadline has passed on Redis' clock. */
    public Expiry expire(QueueKeys q, Lease lease, long deadlineMillis, long deadTtlSeconds) {
        long r = (Long) run(QueueCalls.expire(q, lease, deadlineMillis, deadTtlSeconds));
        return r == 1 ? Expiry.EXPIRED : r == 0 ? Expiry.IN_TIME : Expiry.LEASE_LOST;
    }

    /** Hands jobs back to the front of their queue; one boolean per lease. */
    public List<Boolean> handBack(QueueKeys q, List<Lease> leases) {
        return flags(run(QueueCalls.handBack(q, leases)));
    }

    /**
     * What one recovery pass did.
     *
     * @param recovered jobs whose lease expired, put back in the queue
     * @param dead jobs that failed for good after too many expiries
     */
    public record Recovered(long recovered, long dead) {}

    /** Takes back expired leases. */
    public Recovered recover(QueueKeys q, int max, int reclaimLimit, long deadTtlSeconds) {
        List<?> r = (List<?>) run(QueueCalls.recover(q, max, reclaimLimit, deadTtlSeconds));
        return new Recovered((Long) r.get(0), (Long) r.get(1));
    }

    /**
     * What one promotion pass did.
     *
     * @param moved due jobs moved to ready
     * @param nextDueMillis ms until the next due job, or -1 if none is scheduled
     */
    public record Promoted(long moved, long nextDueMillis) {}

    /** Moves due jobs to ready. */
    public Promoted promote(QueueKeys q, int max) {
        List<?> r = (List<?>) run(QueueCalls.promote(q, max));
        return new Promoted((Long) r.get(0), (Long) r.get(1));
    }

    /**
     * A job's state as stored.
     *
     * @param state {@code s} scheduled, {@code q} queued, {@code a} active, {@code d} succeeded,
     *     {@code f} failed, {@code w} waiting for a workflow, {@code m} missing
     * @param attempts runs so far
     * @param resultJson the encoded result, or null
     * @param failureJson the encoded failure, or null
     */
    public record StoredStatus(String state, int attempts, String resultJson, String failureJson) {

        /** Reads the reply of {@code readStatus-3.lua}. */
        public static StoredStatus of(Object reply) {
            List<?> r = (List<?>) reply;
            return new StoredStatus((String) r.get(0), Integer.parseInt((String) r.get(1)),
                    r.get(2) instanceof String s ? s : null, r.get(3) instanceof String s ? s : null);
        }
    }

    /** Reads one job's state. */
    public StoredStatus status(QueueKeys q, String id) {
        return StoredStatus.of(run(QueueCalls.readStatus(q, id)));
    }

    /**
     * Reads one job's state, like {@link #status}, and unless it is finished notes for {@code
     * waitMillis} that this client awaits it: the script that finishes it then publishes the
     * outcome on {@link QueueKeys#finished()}.
     */
    public StoredStatus awaitStatus(QueueKeys q, String id, long waitMillis) {
        return StoredStatus.of(run(QueueCalls.awaitJob(q, id, waitMillis)));
    }

    /** Re-queues a dead job; false if it is not dead (any more). */
    public boolean retryDead(QueueKeys q, String id) {
        return (Long) run(QueueCalls.retryDead(q, id)) == 1L;
    }

    /** Deletes a dead job; false if it is not dead. */
    public boolean deleteDead(QueueKeys q, String id) {
        return (Long) run(QueueCalls.deleteDead(q, id)) == 1L;
    }

    // ---- plain reads and signals -------------------------------------------------------------------

    /** How many jobs are in a queue's dead set. */
    public long deadCount(QueueKeys q) {
        return redis.call(j -> j.zcard(q.dead()));
    }

    /**
     * A dead-set entry.
     *
     * @param id the job id
     * @param diedAtMillis when it failed for good (Redis' clock)
     */
    public record DeadEntry(String id, long diedAtMillis) {}

    /** Up to {@code limit} dead-set entries, newest first. */
    public List<DeadEntry> deadEntries(QueueKeys q, int limit) {
        List<Tuple> entries = redis.call(j -> j.zrevrangeWithScores(q.dead(), 0, Math.max(0, limit - 1)));
        List<DeadEntry> out = new ArrayList<>(entries.size());
        for (Tuple entry : entries) {
            out.add(new DeadEntry(entry.getElement(), (long) entry.getScore()));
        }
        return out;
    }

    /** When a job failed for good, if it is in the dead set. */
    public Optional<Long> diedAt(QueueKeys q, String id) {
        Double score = redis.call(j -> j.zscore(q.dead(), id));
        return score == null ? Optional.empty() : Optional.of(score.longValue());
    }

    /** A job's record, field by field (empty when there is none). */
    public Map<String, String> record(QueueKeys q, String id) {
        return redis.call(j -> j.hgetAll(q.job(id)));
    }

    /**
     * A job's task name: from its payload in the wait hash, else from its record (the payload while
     * it runs, is retried or failed; the header while it waits for inputs; field {@code t} once it
     * succeeded); null when none of them is there.
     */
    public String taskName(QueueKeys q, String id) {
        return redis.call(j -> {
            String waiting = j.hget(q.waiting(), id);
            if (waiting != null) {
                return Payload.taskOf(waiting);
            }
            for (String field : j.hmget(q.job(id), "p", "ph", "t")) {
                if (field != null) {
                    return Payload.taskOf(field);
                }
            }
            return null;
        });
    }

    /**
     * Waits up to {@code seconds} for a wake-up token on any of these queues' signal lists (one
     * {@code BLPOP}: on a cluster, their keys must be in one slot); true if a token came.
     */
    public boolean awaitSignal(List<QueueKeys> queues, double seconds) {
        String[] keys = new String[queues.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = queues.get(i).signal();
        }
        return redis.call(j -> j.blpop(seconds, keys)) != null;
    }

    /** Pushes one wake-up token, which ends one idle worker's wait. */
    public void wake(QueueKeys q) {
        redis.call(j -> j.lpush(q.signal(), "1"));
    }

    /** Takes one wake-up token back, if one is left (after a wake that nobody needed). */
    public void unwake(QueueKeys q) {
        redis.call(j -> j.lrem(q.signal(), 1, "1"));
    }

    /** Removes delivered continuation entries from the flows sets they are in (key to entries). */
    public void removeFlowEntries(Map<String, List<String>> entriesByKey) {
        redis.call(j -> {
            for (Map.Entry<String, List<String>> e : entriesByKey.entrySet()) {
                j.zrem(e.getKey(), e.getValue().toArray(String[]::new));
            }
            return null;
        });
    }

    /** Redis' {@code maxmemory-policy}, or empty when {@code CONFIG GET} is not allowed. */
    public Optional<String> evictionPolicy() {
        Object reply = redis.call(j -> j.sendCommand(Protocol.Command.CONFIG, "GET", "maxmemory-policy"));
        return reply instanceof List<?> list && list.size() >= 2 && list.get(1) instanceof byte[] value
                ? Optional.of(new String(value, StandardCharsets.UTF_8)) : Optional.empty();
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
