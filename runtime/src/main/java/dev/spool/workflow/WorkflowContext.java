package dev.spool.workflow;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.internal.Access;
import dev.spool.internal.LuaScript;
import dev.spool.internal.Redis;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TypeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A workflow's split context: every job of the workflow may add entries of its own, and any job
 * (or any client, by the workflow's id) reads them all, merged. An entry belongs to the job that
 * wrote it first; only that job may write it again (its retries do), so parallel members never
 * overwrite each other and no job read-modify-writes another's entry. Values go through the
 * client's codec (JSON). The context expires with the workflow.
 *
 * <pre>{@code
 * // in a chord member
 * JobContext.current().orElseThrow().workflowContext().orElseThrow().put("shard-" + shard, rowsSeen);
 * // in the callback, or anywhere else
 * Map<String, Long> rows = WorkflowContext.of(spool, workflowId).entries(TypeRef.of(Long.class));
 * }</pre>
 */
public final class WorkflowContext {

    private final SpoolCore core;
    private final String workflowId;
    private final String owner;

    /**
     * The context as one job sees it (the worker makes it; see
     * {@link dev.spool.JobContext#workflowContext()}).
     *
     * @param core the client
     * @param workflowId the workflow
     * @param owner the id of the job that writes through it, or null for a reader
     */
    public WorkflowContext(SpoolCore core, String workflowId, String owner) {
        this.core = Objects.requireNonNull(core, "core");
        this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
        this.owner = owner;
    }

    /** The context of workflow {@code workflowId}, to read (writing is for the workflow's own jobs). */
    public static WorkflowContext of(Spool spool, String workflowId) {
        return new WorkflowContext(Access.core(Objects.requireNonNull(spool, "spool")), workflowId, null);
    }

    /** The workflow's id. */
    public String workflowId() {
        return workflowId;
    }

    /**
     * Writes this job's entry {@code key}.
     *
     * @throws IllegalStateException if another job of the workflow owns the entry, if the
     *     workflow is gone (finished and expired), or if this view is a reader's
     * @throws IllegalArgumentException for an empty key
     */
    public void put(String key, Object value) {
        if (Objects.requireNonNull(key, "key").isEmpty()) {
            throw new IllegalArgumentException("a context entry needs a non-empty key");
        }
        if (owner == null) {
            throw new IllegalStateException("only a job of workflow " + workflowId + " writes its context;"
                    + " this view (WorkflowContext.of) reads it");
        }
        String json = value == null ? "null" : core.codec().encode(TypeRef.of(value.getClass()), value);
        Object reply = core.broker().run(new Redis.Call(LuaScript.PUT_CONTEXT,
                List.of(core.keys().workflow(workflowId), core.keys().workflowContext(workflowId)), List.of(owner, key, json)));
        if (reply instanceof Long code && code == 0L) {
            throw new IllegalStateException("workflow " + workflowId + " is gone (finished and expired): its context"
                    + " takes no entries");
        }
        if (reply instanceof String other) {
            throw new IllegalStateException("the context entry \"" + key + "\" of workflow " + workflowId
                    + " belongs to job " + other + "; a job writes only its own entries");
        }
    }

    /** The entry {@code key}, decoded as {@code type}; empty if no job wrote it. */
    public <T> Optional<T> get(String key, Class<T> type) {
        return get(key, TypeRef.of(type));
    }

    /** The entry {@code key}, decoded as {@code type}; empty if no job wrote it. */
    public <T> Optional<T> get(String key, TypeRef<T> type) {
        String stored = core.redis().call(j -> j.hget(core.keys().workflowContext(workflowId), key));
        return stored == null ? Optional.empty() : Optional.ofNullable(decode(type, key, stored));
    }

    /** Every entry, by key in key order, each decoded as {@code type}. */
    public <T> Map<String, T> entries(TypeRef<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        new TreeMap<>(raw()).forEach((key, stored) -> out.put(key, decode(type, key, stored)));
        return out;
    }

    /** Which job wrote each entry, by key in key order. */
    public Map<String, String> owners() {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(raw()).forEach((key, stored) -> out.put(key, stored.substring(0, Math.max(0, stored.indexOf('\n')))));
        return out;
    }

    private Map<String, String> raw() {
        return core.redis().call(j -> j.hgetAll(core.keys().workflowContext(workflowId)));
    }

    private <T> T decode(TypeRef<T> type, String key, String stored) {
        int newline = stored.indexOf('\n');
        try {
            return core.codec().decode(type, stored.substring(newline + 1));
        } catch (RuntimeException e) {
            throw new SpoolException("the context entry \"" + key + "\" of workflow " + workflowId
                    + " does not decode as " + type + ": " + e.getMessage(), e);
        }
    }
}
