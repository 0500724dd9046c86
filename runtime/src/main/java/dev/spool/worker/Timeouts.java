package dev.spool.worker;

import dev.spool.JobFailure;
import dev.spool.internal.Failures;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces task timeouts. When a run outlives its timeout it is settled as failed, its thread is
 * interrupted and replaced at once (so its slot serves other jobs), and the failure is written
 * on a thread of its own ({@code spool-outcomes-<n>}), so a slow write never delays another
 * timeout or a lease renewal. A thread still inside the task a second later is stuck: it is
 * logged with its stack and counted; past {@code maxStuckThreads} the worker stops fetching and
 * reports itself unhealthy.
 */
final class Timeouts {

    private static final Logger log = LoggerFactory.getLogger(Timeouts.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long a timed-out task may take to notice its interrupt before its thread counts as stuck. */
    static final long STUCK_AFTER_MILLIS = 1000;

    private final WorkerConfig config;
    private final Outcomes outcomes;
    private final TaskThreads threads;
    private final Runnable unhealthy;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-timeouts", THREADS));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Threads.named("spool-outcomes", THREADS));
    private final AtomicInteger stuck = new AtomicInteger();

    Timeouts(WorkerConfig config, Outcomes outcomes, TaskThreads threads, Runnable unhealthy) {
        this.config = config;
        this.outcomes = outcomes;
        this.threads = threads;
        this.unhealthy = unhealthy;
    }

    /** Watches one run. */
    void watch(InFlight f, long timeoutMillis, int retries, long backoffMillis) {
        f.timeout = timer.schedule(() -> expire(f, timeoutMillis, retries, backoffMillis), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The run ended in time. */
    void cancel(InFlight f) {
        var timeout = f.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** How many task threads ignore a timeout's interrupt right now. */
    int stuckThreads() {
        return stuck.get();
    }

    private void expire(InFlight f, long timeoutMillis, int retries, long backoffMillis) {
        if (!f.settle()) {
            return;
        }
        Thread thread = f.interruptAndReplace(threads::replace);
        if (thread != null) {
            timer.schedule(() -> checkStuck(f, thread), STUCK_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
        JobFailure failure = Failures.reason(Failures.TASK_TIMEOUT,
                "ran longer than " + Duration.ofMillis(timeoutMillis) + " and was interrupted", f.job.attempt());
        writer.execute(() -> outcomes.recordFailure(f, failure, true, retries, backoffMillis));
    }

    private void checkStuck(InFlight f, Thread thread) {
        if (f.thread() != thread) {
            return; // it noticed the interrupt and left the task
        }
        int now = stuck.incrementAndGet();
        f.stuck = true;
        Throwable where = new Throwable("stack of " + thread.getName());
        where.setStackTrace(thread.getStackTrace());
        log.warn("Task thread {} still runs job {} ({} ms after its timeout) and ignores the interrupt;"
                + " a new thread took its place ({} stuck now, limit {})", thread.getName(), LogText.id(f.job.id()),
                STUCK_AFTER_MILLIS, now, config.maxStuckThreads(), where);
        if (now > config.maxStuckThreads()) {
            unhealthy.run();
        }
    }

    /** A thread that a timeout had replaced returned from its task: the pool shrinks back. */
    void returned(InFlight f) {
        threads.retire();
        if (f.stuck) {
            f.stuck = false;
            int now = stuck.decrementAndGet();
            log.info("Task thread {} returned from timed-out job {}; {} stuck now", Thread.currentThread().getName(),
                    LogText.id(f.job.id()), now);
        }
    }

    void stop() {
        timer.shutdownNow();
        writer.shutdown();
        try {
            writer.awaitTermination(config.leaseDuration().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
