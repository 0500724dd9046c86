package dev.spool.internal;

import dev.spool.JobProgress;

/**
 * What a worker and a running task share about one run: whether it was cancelled, and the last
 * progress the task reported (written to Redis by the worker, coalesced). Not API: tasks see it
 * through {@link dev.spool.JobContext}.
 */
public final class RunControl {

    private volatile boolean cancelled;
    private volatile JobProgress progress;
    /** Bumped on every report; the worker writes when it differs from what it wrote last. */
    private volatile long version;

    /** Marks the run as cancelled; true the first time. */
    public synchronized boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    /** Whether the run was cancelled. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Records a progress report (cheap: no Redis here). */
    public synchronized void report(JobProgress progress) {
        this.progress = progress;
        version++;
    }

    /** The last report, or null. */
    public JobProgress progress() {
        return progress;
    }

    /** A number that changes with every report. */
    public long version() {
        return version;
    }
}
