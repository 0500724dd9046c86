package dev.spool.worker;

/**
 * Hears how each run on a worker ended, once the outcome is recorded in Redis: succeeded, retried,
 * failed for good, cancelled or expired. {@link JobInterceptor}s see a run's return or exception;
 * only a listener learns what Spool made of it (a throw is a retry or a dead letter). The place for
 * metrics (the {@code spool-micrometer} module binds one) and audit logs. Registered with {@link
 * Worker.Builder#listener}.
 *
 * <p>Called on the worker's own threads, right after the write: keep it quick and do not block. An
 * exception it throws is logged and ignored; it never changes the job.
 */
@FunctionalInterface
public interface JobListener {

    /** One run ended this way (also called for a job that expired before it ran). */
    void finished(JobEvent event);
}
