package dev.spool.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.SpoolException;
import dev.spool.annotations.MissedTicks;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.ScheduleCalls;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic schedules as stored in Redis, per queue ({@code Q:schedules}, {@code Q:ticks}): writes,
 * reads and removes them for the public {@code Schedules} API and for the worker's ticker.
 */
public final class ScheduleStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Redis redis;
    private final Broker broker;

    /** The schedules reached through this connection. */
    public ScheduleStore(Redis redis, Broker broker) {
        this.redis = redis;
        this.broker = broker;
    }

    /**
     * A schedule's definition: the task, its cron expression and zone, the missed-ticks policy, and
     * the packed payload (task name and fixed arguments) every tick's job gets.
     */
    public record Definition(String task, String cron, String zone, MissedTicks missed, String payload) {

        /** The definition as stored. */
        public String toJson() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("task", task);
            fields.put("cron", cron);
            fields.put("zone", zone);
            fields.put("missed", missed.name());
            fields.put("payload", payload);
            try {
                return JSON.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Reads a stored definition; a damaged one is a {@link SpoolException} naming the schedule. */
        public static Definition fromJson(String name, String json) {
            try {
                Map<?, ?> f = JSON.readValue(json, Map.class);
                return new Definition((String) f.get("task"), (String) f.get("cron"), (String) f.get("zone"),
                        MissedTicks.valueOf((String) f.get("missed")), (String) f.get("payload"));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new SpoolException("the stored schedule \"" + name + "\" is damaged: " + e.getMessage(), e);
            }
        }
    }

    /** Adds or changes a schedule; an unchanged one keeps its next tick. Returns 1 added, 2 changed, 0 unchanged. */
    public long put(QueueKeys q, String name, Definition definition, Instant firstTick) {
        return (Long) broker.run(ScheduleCalls.put(q, name, definition.toJson(), firstTick.toEpochMilli()));
    }

    /** Removes a schedule; whether there was one. */
    public boolean remove(QueueKeys q, String name) {
        return (Long) broker.run(ScheduleCalls.remove(q, name)) == 1L;
    }

    /** Every schedule of a queue, by name, as stored. */
    public Map<String, String> definitions(QueueKeys q) {
        return redis.call(j -> j.hgetAll(q.schedules()));
    }

    /** The definition of one schedule, or {@code null}. */
    public String definition(QueueKeys q, String name) {
        return redis.call(j -> j.hget(q.schedules(), name));
    }

    /** The next tick of one schedule (ms), or {@code null}. */
    public Double nextTick(QueueKeys q, String name) {
        return redis.call(j -> j.zscore(q.ticks(), name));
    }

    /** Schedules whose next tick is at or before {@code nowMillis}, with that tick, at most {@code max}. */
    public Map<String, Long> due(QueueKeys q, long nowMillis, int max) {
        Map<String, Long> due = new LinkedHashMap<>();
        List<redis.clients.jedis.resps.Tuple> entries =
                redis.call(j -> j.zrangeByScoreWithScores(q.ticks(), Double.NEGATIVE_INFINITY, nowMillis, 0, max));
        entries.forEach(t -> due.put(t.getElement(), (long) t.getScore()));
        return due;
    }
}
