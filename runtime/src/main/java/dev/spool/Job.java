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

    /**
     * The name of the task the job runs, e.g. {@code Thumbnails.render}. A handle from {@link
     * Spool#job} reads it from Redis; it is empty only when the job's record is gone (never
     * enqueued, expired, or not kept by a worker with {@code keepResults(false)}).
     */
    String task();

    /**
     * How many times the job has started running so far: 0 while it waits for its first run, 1
     * for a job that succeeded at once, 3 for one that succeeded on its second retry. One round trip
     * to Redis; 0 when the job's record is gone. A failed job's {@link JobFailure#attempts()} says
     * the same.
     */
    int attempts();

    /** Where the job is now; one round trip to Redis. */
    JobStatus status();

    /**
     * What the job's task last reported through {@link JobContext#progress(double, String)}, if it
     * reported anything and its record is there; one round trip to Redis. Written by the worker at
     * most every 100 ms, so it may lag the task by that much.
     */
    Optional<JobProgress> progress();

    /**
     * Cancels the job, as {@link JobQueue#cancel} does: one that has not run never runs; a running
     * one ends {@link JobStatus#CANCELLED} at once and its task sees {@link JobContext#cancelled()}
     * and an interrupt within about a second. A job that has finished is left as it is and the
     * answer says so ({@link Cancellation.Outcome#ALREADY_FINISHED}).
     */
    Cancellation cancel();

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
