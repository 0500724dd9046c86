package dev.spool.worker;

import dev.spool.internal.Flows;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Limits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the worker's queues healthy, as every worker does at once (the scripts are atomic, so no
 * leader is needed): moves due jobs to ready, takes back jobs whose lease expired, and delivers
 * workflow outcomes left undelivered. Runs every maintenance interval, sooner while due jobs
 * wait, on a thread of its own ({@code spool-maintenance-<n>}); checks Redis' eviction policy
 * when it starts and every 60 passes after (at most a minute apart: a minute at the default 1 s
 * interval), and the namespace's data epoch (a data reset is
 * logged as one ERROR) at every pass. A queue whose pass fails is backed off on its own
 * (doubling from the interval to 1 min), with one log line per back-off.
 *
 * <p>A worker that runs a task with a concurrency key marks its queues as keyed ({@link Limits})
 * when it starts, before its first fetch, and again at every pass (so a data reset cannot unmark
 * them): the scripts then read the jobs' keys.
 */
final class QueueMaintenance {

    private static final Logger log = LoggerFactory.getLogger(QueueMaintenance.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int BATCH = 1000;
    private static final long POLICY_CHECK_MAX_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final WorkerConfig config;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-maintenance", THREADS));
    private long nextPolicyCheck;
    private final long policyCheckNanos;
    /** Per queue: consecutive failed passes and the time (nanoTime) until which it is left alone. */
    private final Map<QueueKeys, long[]> backoff = new HashMap<>();
    /** Whether the worker runs a task with a concurrency key. */
    private final boolean keyed;

    QueueMaintenance(WorkerConfig config, boolean keyed) {
        this.config = config;
        this.policyCheckNanos = Math.min(POLICY_CHECK_MAX_NANOS, config.maintenanceInterval().toNanos() * 60);
        this.keyed = keyed;
    }

    void start() {
        if (keyed) {
            try {
                new Limits(config.core().redis()).markKeyed(config.queues());
            } catch (RuntimeException e) { // a wrong-typed <Q>:limits: that queue's fetches fail and back off
                log.warn("Could not mark the queues {} as keyed: {}", config.queues().stream().map(QueueKeys::queue).toList(),
                        e.getMessage());
            }
        }
        thread.execute(this::run);
    }

    void stop() {
        thread.shutdownNow();
    }

    private void run() {
        long now = System.nanoTime();
        if (now - nextPolicyCheck >= 0) {
            config.core().evictionCheck().check();
            nextPolicyCheck = now + policyCheckNanos;
        }
        checkEpoch();
        long next = config.maintenanceInterval().toMillis();
        for (QueueKeys queue : config.queues()) {
            long[] b = backoff.get(queue);
            if (b != null && b[1] - now > 0) {
                next = Math.min(next, (b[1] - now) / 1_000_000);
                continue;
            }
            try {
                next = Math.min(next, maintain(queue));
                if (backoff.remove(queue) != null) {
                    log.info("Maintenance of queue {} works again", queue.queue());
                }
            } catch (RuntimeException e) {
                b = backoff.computeIfAbsent(queue, q -> new long[2]);
                b[0]++;
                long pause = Math.min(MAX_BACKOFF_MILLIS, config.maintenanceInterval().toMillis() << Math.min(10, b[0] - 1));
                b[1] = System.nanoTime() + pause * 1_000_000;
                next = Math.min(next, pause);
                log.warn("Maintenance of queue {} failed (failure {} in a row; next try in {} ms): {}",
                        queue.queue(), b[0], pause, e.getMessage());
            }
        }
        try {
            thread.schedule(this::run, Math.max(1, next), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Notices a data reset (the epoch check logs it); a failed read is left to the queues' passes. */
    private void checkEpoch() {
        try {
            config.core().epoch().check();
        } catch (RuntimeException e) {
            log.debug("Could not read the data epoch: {}", e.getMessage());
        }
    }

    /** One pass over one queue; returns how soon (ms) it wants the next pass. */
    private long maintain(QueueKeys queue) {
        Broker broker = config.core().broker();
        if (keyed) {
            new Limits(config.core().redis()).markKeyed(List.of(queue));
        }
        long next = config.maintenanceInterval().toMillis();
        Broker.Promoted promoted = broker.promote(queue, BATCH);
        if (promoted.moved() == BATCH) {
            next = 0;
        } else if (promoted.nextDueMillis() >= 0) {
            next = Math.min(next, promoted.nextDueMillis());
        }
        Broker.Recovered recovered = broker.recover(queue, BATCH, config.reclaimLimit(), config.core().deadTtl().toSeconds());
        if (recovered.recovered() > 0 || recovered.dead() > 0) {
            log.warn("Queue {}: took back {} job(s) whose lease expired; {} failed for good after too many expiries",
                    queue.queue(), recovered.recovered(), recovered.dead());
        }
        Flows.of(config.core()).sweep(queue, BATCH);
        config.core().operator().trimKept(queue, BATCH);
        return next;
    }
}
