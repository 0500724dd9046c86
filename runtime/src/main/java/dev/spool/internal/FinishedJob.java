package dev.spool.internal;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobFailure;
import dev.spool.JobStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A job that finished before its handle was made: what an inline run returns. Nothing is read
 * from Redis; {@link #await} returns at once.
 *
 */
public final class FinishedJob<R> implements Job<R> {

    private final String id;
    private final String queue;
    private final String task;
    private final int attempts;
    private final R result;
    private final JobFailure failure;

    /**
     * A finished job.
     *
     * @param result the result of a job that succeeded (may be null)
     * @param failure why the job failed, or null if it succeeded
     */
    public FinishedJob(String id, String queue, String task, int attempts, R result, JobFailure failure) {
        this.id = id;
        this.queue = queue;
        this.task = task;
        this.attempts = attempts;
        this.result = result;
        this.failure = failure;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public String task() {
        return task;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public JobStatus status() {
        return failure == null ? JobStatus.SUCCEEDED : JobStatus.FAILED;
    }

    /** Progress an inline run reported is not kept. */
    @Override
    public java.util.Optional<dev.spool.JobProgress> progress() {
        return java.util.Optional.empty();
    }

    /** An inline job ran before its handle was returned: there is nothing left to cancel. */
    @Override
    public dev.spool.Cancellation cancel() {
        return new dev.spool.Cancellation(id, dev.spool.Cancellation.Outcome.ALREADY_FINISHED, status());
    }

    @Override
    public R await(Duration timeout) {
        if (failure != null) {
            throw new JobFailedException(id, failure);
        }
        return result;
    }

    @Override
    public Optional<R> result() {
        return failure == null ? Optional.ofNullable(result) : Optional.empty();
    }

    @Override
    public Optional<JobFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public CompletableFuture<R> future() {
        return failure == null ? CompletableFuture.completedFuture(result)
                : CompletableFuture.failedFuture(new JobFailedException(id, failure));
    }

    @Override
    public String toString() {
        return "job " + id + " (" + task + ", inline, " + status() + ")";
    }
}
