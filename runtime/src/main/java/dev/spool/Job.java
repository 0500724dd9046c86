package dev.spool;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A typed handle to one job. Generated stubs return one from every call; it stays valid in other
 * processes too (see {@link Spool#job}).
 *
 * @param <R> the type of the job's result ({@link Void} for a task that returns nothing)
 */
public interface Job<R> {

    /** The job's id, unique within its Spool namespace. */
    String id();

    /** The queue the job was sent to. */
    String queue();

    /** The name of the task the job runs. */
    String task();

    /** Where the job is now; one round trip to Redis. */
    JobStatus status();

    /**
     * Waits until the job has finished and returns its result.
     *
     * @throws JobFailedException if the job failed for good
     * @throws JobTimeoutException if it has not finished within {@code timeout}
     */
    R await(Duration timeout);

    /** The result, if the job has succeeded and its result has not expired. */
    Optional<R> result();

    /** Why the job failed, if it has failed for good. */
    Optional<JobFailure> failure();

    /**
     * A future that completes with the result, or exceptionally with a {@link JobFailedException},
     * once the job finishes.
     */
    CompletableFuture<R> future();
}
