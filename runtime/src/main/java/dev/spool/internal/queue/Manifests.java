package dev.spool.internal.queue;

import dev.spool.internal.Keys;
import dev.spool.internal.Redis;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Workflow manifests: one string key per workflow ({@link Keys#workflow}) that lists its jobs, so
 * that any process can find the workflow again by its id. Single-key commands, off every job's hot
 * path: written once when a workflow starts, read when someone reattaches.
 */
public final class Manifests {

    private final Redis redis;
    private final Keys keys;

    public Manifests(Redis redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Writes the manifest of {@code workflowId}, expiring after {@code ttlSeconds}. */
    public void put(String workflowId, String json, long ttlSeconds) {
        redis.call(j -> j.set(keys.workflow(workflowId), json, SetParams.setParams().ex(Math.max(1, ttlSeconds))));
    }

    /** The manifest of {@code workflowId}; empty if it was never written or has expired. */
    public Optional<String> get(String workflowId) {
        return Optional.ofNullable(redis.call(j -> j.get(keys.workflow(workflowId))));
    }
}
