package dev.spool;

import dev.spool.annotations.MissedTicks;
import java.time.Instant;

/**
 * A periodic schedule as stored in Redis.
 *
 * @param name the schedule's name (for an {@code @Periodic} task, the task's name)
 * @param task the task each tick enqueues
 * @param queue the queue its jobs go to; workers of that queue fire it
 * @param cron the cron expression
 * @param zone the time zone the expression is read in
 * @param missed what happens to ticks missed while no worker of the queue ran
 * @param nextTick the next tick to fire
 */
public record Schedule(String name, String task, String queue, String cron, String zone, MissedTicks missed,
        Instant nextTick) {}
