package dev.spool.internal;

import dev.spool.JobContext;

/** The job the current thread runs, behind {@link JobContext#current()}; set by the worker. */
public final class CurrentJob {

    private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

    private CurrentJob() {}

    /** The current job, or null. */
    public static JobContext get() {
        return CURRENT.get();
    }

    /** Sets the current job; null clears it. */
    public static void set(JobContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }
}
