package dev.spool.internal.queue;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.LuaScript;
import dev.spool.internal.Redis.Call;
import java.util.List;

/**
 * Builds the script calls of periodic schedules ({@code putSchedule-2.lua},
 * {@code removeSchedule-2.lua}, {@code fireTick-5.lua}): the one place that knows their KEYS and ARGV.
 */
public final class ScheduleCalls {

    private ScheduleCalls() {}

    /** Adds or changes a schedule; an unchanged one keeps its next tick. */
    public static Call put(QueueKeys q, String name, String definition, long firstTickMillis) {
        return new Call(LuaScript.PUT_SCHEDULE, List.of(q.schedules(), q.ticks()),
                List.of(name, definition, Long.toString(firstTickMillis)));
    }

    /** Removes a schedule. */
    public static Call remove(QueueKeys q, String name) {
        return new Call(LuaScript.REMOVE_SCHEDULE, List.of(q.schedules(), q.ticks()), List.of(name));
    }

    /** Fires (or skips) the tick {@code tickMillis} if it is still the schedule's next one. */
    public static Call fire(QueueKeys q, String name, long tickMillis, long nextTickMillis, boolean enqueue, String id,
            String packedPayload) {
        return new Call(LuaScript.FIRE_TICK, List.of(q.ticks(), q.waiting(), q.ready(), q.due(), q.signal()),
                List.of(name, Long.toString(tickMillis), Long.toString(nextTickMillis), enqueue ? "1" : "0", id,
                        packedPayload, Integer.toString(QueueCalls.SIGNAL_CAP)));
    }
}
