package dev.spool.internal.queue;

import dev.spool.RateLimit;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A queue's flow-control settings in {@code <Q>:limits} (a hash without TTL, read by the fetch
 * script once per call; see {@code includes/limits.lua}): the rate limit an operator sets, and the
 * flag that makes the scripts read concurrency keys, which workers set for their queues.
 */
public final class Limits {

    private final Redis redis;

    /** Limits over this connection. */
    public Limits(Redis redis) {
        this.redis = redis;
    }

    /** Sets (or replaces) the queue's rate limit; every worker obeys it from its next fetch. */
    public void rateLimit(QueueKeys q, RateLimit limit) {
        redis.call(j -> j.hset(q.limits(), Map.of("rate", Integer.toString(limit.starts()),
                "per", Long.toString(limit.per().toMillis()))));
    }

    /** The queue's rate limit, if it has one. */
    public Optional<RateLimit> rateLimit(QueueKeys q) {
        List<String> f = redis.call(j -> j.hmget(q.limits(), "rate", "per"));
        try {
            return f.get(0) == null || f.get(1) == null ? Optional.empty()
                    : Optional.of(new RateLimit(Integer.parseInt(f.get(0)), Duration.ofMillis(Long.parseLong(f.get(1)))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // written by hand: the fetch script ignores it too
        }
    }

    /** Removes the queue's rate limit; false if it had none. */
    public boolean removeRateLimit(QueueKeys q) {
        return redis.call(j -> j.hdel(q.limits(), "rate", "per")) > 0;
    }

    /** Makes the queue's scripts read concurrency keys (set by a worker that runs a task with one). */
    public void markKeyed(List<QueueKeys> queues) {
        redis.call(j -> {
            for (QueueKeys q : queues) {
                j.hset(q.limits(), "keyed", "1");
            }
            return null;
        });
    }
}
