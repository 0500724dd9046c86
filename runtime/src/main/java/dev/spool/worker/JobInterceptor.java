package dev.spool.worker;

import dev.spool.JobContext;

/**
 * Runs around every run of a task on a worker, as Sidekiq's server middleware and JobRunr's job
 * filters do: the place for logging context, metrics and tracing, so that none of them lives
 * inside the worker. Interceptors are registered with {@link Worker.Builder#interceptor} and run
 * outermost first, on the task thread, inside the run's timeout.
 *
 * <pre>{@code
 * JobInterceptor timing = (job, next) -> {
 *     long start = System.nanoTime();
 *     try {
 *         return next.proceed();                       // before: above; after: below
 *     } catch (Exception e) {
 *         failures.increment(job.task());               // on failure
 *         throw e;
 *     } finally {
 *         runTime.record(job.task(), System.nanoTime() - start);
 *     }
 * };
 * }</pre>
 *
 * <p>An interceptor must call {@link Invocation#proceed()} at most once and pass its result (or
 * exception) on; what it returns is recorded as the task's result, and what it throws as the
 * run's failure (retried like any other).
 */
@FunctionalInterface
public interface JobInterceptor {

    /**
     * Runs one job.
     *
     * @param job the job being run (also what {@link JobContext#current()} returns inside it)
     * @param next the rest of the chain, ending in the task method
     * @return the task's result
     * @throws Exception what the task (or the rest of the chain) threw
     */
    Object intercept(JobContext job, Invocation next) throws Exception;

    /** The rest of the chain around one run. */
    @FunctionalInterface
    interface Invocation {

        /** Runs the rest of the chain and the task; returns the task's result. */
        Object proceed() throws Exception;
    }
}
