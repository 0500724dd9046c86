package dev.spool.worker;

import dev.spool.JobOptions;
import dev.spool.annotations.MissedTicks;
import dev.spool.internal.Cron;
import dev.spool.internal.JobIds;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.ScheduleStore;
import dev.spool.internal.ScheduleStore.Definition;
import dev.spool.internal.queue.ScheduleCalls;
import dev.spool.spi.TaskDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the periodic schedules of the worker's queues, on a thread of its own
 * ({@code spool-ticker-<n>}). Every worker of a queue does this; {@code fireTick-5.lua} lets exactly
 * one of them fire each tick. At start it registers the {@code @Periodic} tasks it serves (an
 * unchanged schedule keeps its next tick). A tick up to {@link #GRACE_MILLIS} late still fires, in
 * order; one later than that counts as missed, and the schedule's {@link MissedTicks} policy decides.
 */
final class Ticker {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How often the ticker looks for due ticks. */
    static final long INTERVAL_MILLIS = 200;
    /** How late a tick may fire before it counts as missed. */
    static final long GRACE_MILLIS = 5_000;
    private static final int BATCH = 100;

    private final WorkerConfig config;
    private final List<TaskDescriptor<?>> periodic;
    private final ScheduleStore store;
    private final Map<String, Cron> parsed = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-ticker", THREADS));

    Ticker(WorkerConfig config, List<TaskDescriptor<?>> periodic) {
        this.config = config;
        this.periodic = periodic;
        this.store = new ScheduleStore(config.core().redis(), config.core().broker());
    }

    void start() {
        thread.execute(this::register);
        thread.scheduleWithFixedDelay(this::tick, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Registers the {@code @Periodic} tasks of the queues this worker serves. */
    private void register() {
        for (TaskDescriptor<?> task : periodic) {
            TaskDescriptor.Periodic p = task.periodic().orElseThrow();
            QueueKeys queue = config.core().keys().queue(task.queue());
            if (!config.queues().contains(queue)) {
                continue;
            }
            try {
                String payload = config.core().template(task, JobOptions.defaults(), new Object[0]).payload();
                Cron cron = Cron.parse(p.cron(), p.zone());
                long put = store.put(queue, task.name(), new Definition(task.name(), cron.expression(), p.zone(),
                        p.missed(), payload), cron.next(Instant.now()));
                if (put != 0) {
                    log.info("Schedule {} {}: \"{}\" ({}), missed ticks: {}", task.name(), put == 1 ? "added" : "changed",
                            p.cron(), p.zone(), p.missed());
                }
            } catch (RuntimeException e) {
                log.warn("Could not register the schedule of {}; its ticks do not fire until a worker registers it: {}",
                        task.name(), e.getMessage());
            }
        }
    }

    private void tick() {
        for (QueueKeys queue : config.queues()) {
            try {
                for (Map.Entry<String, Long> due : store.due(queue, System.currentTimeMillis(), BATCH).entrySet()) {
                    fire(queue, due.getKey(), due.getValue());
                }
                if (failures.remove(queue.queue()) != null) {
                    log.info("Schedules of queue {} fire again", queue.queue());
                }
            } catch (RejectedExecutionException e) {
                return;
            } catch (RuntimeException e) {
                if (failures.merge(queue.queue(), 1, Integer::sum) == 1) {
                    log.warn("Could not fire the schedules of queue {} (trying again every {} ms): {}", queue.queue(),
                            INTERVAL_MILLIS, e.getMessage());
                }
            }
        }
    }

    private void fire(QueueKeys queue, String name, long tick) {
        String json = store.definition(queue, name);
        if (json == null) {
            store.remove(queue, name);          // a tick left without its definition
            return;
        }
        Definition definition = Definition.fromJson(name, json);
        Cron cron = parsed.computeIfAbsent(definition.cron() + "\n" + definition.zone(),
                k -> Cron.parse(definition.cron(), definition.zone()));
        Instant now = Instant.now();
        boolean missed = now.toEpochMilli() - tick > GRACE_MILLIS;
        Instant next = cron.next(missed ? now : Instant.ofEpochMilli(tick));
        boolean enqueue = !missed || definition.missed() == MissedTicks.FIRE_ONCE;
        if (next == null) {
            log.info("Schedule {} fires no more (\"{}\" has no tick after {}); removed", name, definition.cron(), now);
            store.remove(queue, name);
            return;
        }
        Object reply = config.core().broker().run(ScheduleCalls.fire(queue, name, tick, next.toEpochMilli(), enqueue,
                JobIds.forTick(name, tick), definition.payload()));
        if (missed && reply instanceof Long code && code != 0L) {
            log.info("Schedule {}: ticks since {} were missed (no worker of queue {} ran); {}", name,
                    Instant.ofEpochMilli(tick), queue.queue(), enqueue ? "fired once for them" : "skipped them");
        }
    }
}
