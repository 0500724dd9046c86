package dev.spool.worker;

import dev.spool.internal.queue.Broker.Lease;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.internal.Keys.QueueKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One leased job in a worker's hands, from its fetch until its outcome is written. Exactly one
 * party settles it ({@link #settle()}): the task thread with a result or an error, the timeout,
 * or the hand-back at shutdown. Its slot is given back exactly once ({@link #release()}).
 */
final class InFlight {

    final Leased job;
    /** What the worker and the task share about this run: cancelled, progress. */
    final dev.spool.internal.RunControl control = new dev.spool.internal.RunControl();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    /** 0 leased, not started (in the buffer); 1 started on a task thread; 2 withdrawn before it started. */
    private final AtomicInteger phase = new AtomicInteger();
    /** When it was leased (nanoTime). */
    final long leasedAt;
    /** Until when (nanoTime) its lease is known to hold: the reservation at first, the lease once renewed. */
    volatile long leasedUntil;
    private Thread thread;
    volatile ScheduledFuture<?> timeout;
    /** The encoded result, or {@code ""} when it is to be discarded. */
    volatile String resultJson;
    /** The progress version last written to Redis ({@link ProgressReports}); only its thread touches it. */
    long progressWritten;
    /** Whether a timeout replaced its task thread (the pool shrinks back when the thread returns). */
    private boolean replaced;
    /** Whether its task thread counts as stuck. */
    volatile boolean stuck;

    /** When this worker fetched it (wall clock, ms). */
    final long fetchedAtMillis = System.currentTimeMillis();
    /** When its task thread began to run it ({@code System.nanoTime()}), or 0. */
    volatile long startedNanos;

    InFlight(Leased job, long leasedAt, long leasedUntil) {
        this.job = job;
        this.leasedAt = leasedAt;
        this.leasedUntil = leasedUntil;
    }

    /** Claims the start of its run (from the buffer); false if it was withdrawn. */
    boolean begin() {
        return phase.compareAndSet(0, 1);
    }

    /** Claims it back before it started (stale reservation, shutdown); false if it started. */
    boolean withdraw() {
        return phase.compareAndSet(0, 2);
    }

    /** Whether a task thread started it. */
    boolean started() {
        return phase.get() == 1;
    }

    /** Claims the right to decide this run's outcome; true once. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    /** Whether its outcome is decided. */
    boolean settled() {
        return settled.get();
    }

    /** Claims the right to give its slot back; true once. */
    boolean release() {
        return released.compareAndSet(false, true);
    }

    /** Records the task thread running it (null when it leaves). */
    synchronized void runOn(Thread thread) {
        this.thread = thread;
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
    }

    /** The task thread running it now, or null. */
    synchronized Thread thread() {
        return thread;
    }

    /** Interrupts its task thread, if one runs it. */
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * After a timeout: interrupts the task thread, if one runs it, and has it replaced; returns
     * that thread, or null.
     */
    synchronized Thread interruptAndReplace(Runnable replaceThread) {
        if (thread != null) {
            thread.interrupt();
            replaced = true;
            replaceThread.run();
        }
        return thread;
    }

    /** The task thread leaves this job; true if a timeout had replaced it meanwhile. */
    synchronized boolean leave() {
        thread = null;
        return replaced;
    }

    /** An operator cancelled the job: marks the run and interrupts its task thread, once. */
    void cancel() {
        if (control.cancel()) {
            interrupt();
        }
    }

    /** The lease of this run. */
    Lease lease() {
        return new Lease(job.id(), job.token());
    }

    static List<Lease> leases(Collection<InFlight> jobs) {
        return jobs.stream().map(InFlight::lease).toList();
    }

    /** The jobs that pass {@code filter}, grouped by queue (one script call per queue, in first-seen order). */
    static Map<QueueKeys, List<InFlight>> byQueue(Collection<InFlight> jobs, Predicate<InFlight> filter) {
        Map<QueueKeys, List<InFlight>> byQueue = new LinkedHashMap<>();
        for (InFlight f : jobs) {
            if (filter.test(f)) {
                byQueue.computeIfAbsent(f.job.queue(), q -> new ArrayList<>()).add(f);
            }
        }
        return byQueue;
    }
}
