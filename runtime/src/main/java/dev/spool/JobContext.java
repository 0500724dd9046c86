package dev.spool;

import dev.spool.internal.CurrentJob;
import java.util.Optional;

/**
 * What a running task may know about the job it runs: its id, queue, attempt, the worker that runs
 * it and the lease token of this run. Available on the task's thread while it runs.
 *
 * <pre>{@code
 * JobContext.current().ifPresent(job -> log.info("running {} (attempt {})", job.id(), job.attempt()));
 * }</pre>
 *
 * @param id the job id
 * @param queue the queue it was fetched from
 * @param task the task name
 * @param attempt which run this is, from 1
 * @param workerId the id of the worker running it (see {@code Worker.id()})
 * @param leaseToken the lease token of this run; a run whose lease expired cannot finish the job
 */
public record JobContext(String id, String queue, String task, int attempt, String workerId, String leaseToken) {

    /** The job that the current thread runs, if it runs one. */
    public static Optional<JobContext> current() {
        return Optional.ofNullable(CurrentJob.get());
    }
}
