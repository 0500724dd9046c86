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
    /** The split context of the job's workflow, or null for a job of no workflow. */
    private volatile dev.spool.workflow.WorkflowContext workflowContext;

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

    /** Sets the split context of the job's workflow (the worker, before the run). */
    public void workflowContext(dev.spool.workflow.WorkflowContext context) {
        this.workflowContext = context;
    }

    /** The split context of the job's workflow, or null. */
    public dev.spool.workflow.WorkflowContext workflowContext() {
        return workflowContext;
    }

    /** A number that changes with every report. */
    public long version() {
        return version;
    }
}
