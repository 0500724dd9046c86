package dev.spool;

import dev.spool.annotations.MissedTicks;
import dev.spool.internal.Cron;
import dev.spool.internal.Keys;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.ScheduleStore;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Periodic schedules of a namespace ({@link Spool#schedules()}): a task with fixed arguments
 * enqueued on every tick of a cron expression. Each tick fires exactly once across all the workers
 * of the task's queue, decided in Redis; no leader, no scheduler process. {@code @Periodic} tasks
 * are registered by their workers; this API adds, lists and removes any schedule at run time.
 *
 * <pre>{@code
 * spool.schedules().add("nightly-cleanup", CleanupTasks.PURGE_OLDER_THAN, "0 30 3 * * *", "Europe/Paris",
 *         MissedTicks.SKIP, 30);
 * }</pre>
 */
public final class Schedules {

    private final SpoolCore core;
    private final ScheduleStore store;

    Schedules(SpoolCore core) {
        this.core = core;
        this.store = new ScheduleStore(core.redis(), core.broker());
    }

    /**
     * Adds a schedule, or changes the one of that name (an unchanged one keeps its next tick).
     *
     * @param name the schedule's name, unique in the namespace (the rule of queue names)
     * @param task the task; its jobs go to its queue
     * @param cron six fields with seconds first, or five without
     * @param zone an IANA time zone id, e.g. {@code "UTC"} or {@code "Europe/Paris"}
     * @param missed what happens to ticks missed while no worker of the queue ran
     * @param arguments the task's arguments, the same for every tick
     * @return the schedule as stored
     * @throws IllegalArgumentException for a cron expression that does not parse or an unknown zone
     * @throws CodecException if the arguments do not match the task's parameters
     */
    public Schedule add(String name, TaskDescriptor<?> task, String cron, String zone, MissedTicks missed,
            Object... arguments) {
        Keys.validate("schedule name", name);
        Objects.requireNonNull(missed, "missed");
        Cron parsed = Cron.parse(cron, zone);
        Instant first = parsed.next(Instant.now());
        if (first == null) {
            throw new IllegalArgumentException("cron expression \"" + cron + "\" never fires");
        }
        SpoolCore.Prepared job = core.template(task, JobOptions.defaults(), arguments);
        QueueKeys queue = job.queue();
        core.register(List.of(queue));
        for (QueueKeys other : queues()) {
            if (!other.queue().equals(queue.queue())) {
                store.remove(other, name);       // one name, one schedule: a task moved to another queue moves it
            }
        }
        store.put(queue, name, new ScheduleStore.Definition(task.name(), parsed.expression(), zone, missed, job.payload()),
                first);
        return get(name).orElseThrow();
    }

    /** Removes the schedule of that name; its jobs enqueued already stay. Whether there was one. */
    public boolean remove(String name) {
        boolean removed = false;
        for (QueueKeys queue : queues()) {
            removed |= store.remove(queue, name);
        }
        return removed;
    }

    /** The schedule of that name. */
    public Optional<Schedule> get(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every schedule of the namespace, by queue, then name. */
    public List<Schedule> list() {
        List<Schedule> out = new ArrayList<>();
        for (QueueKeys queue : queues()) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(store.definitions(queue)).entrySet()) {
                ScheduleStore.Definition d = ScheduleStore.Definition.fromJson(e.getKey(), e.getValue());
                Double next = store.nextTick(queue, e.getKey());
                out.add(new Schedule(e.getKey(), d.task(), queue.queue(), d.cron(), d.zone(), d.missed(),
                        next == null ? null : Instant.ofEpochMilli(next.longValue())));
            }
        }
        return out;
    }

    private List<QueueKeys> queues() {
        return core.operator().registered().stream().sorted().map(q -> core.keys().queue(q)).toList();
    }
}
