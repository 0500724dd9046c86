package dev.spool;

import java.util.List;
import java.util.Objects;

/**
 * What every typed batch of a generated stub ({@code tasks.batch()}) has: the jobs added so far and
 * {@link #enqueue()}, which writes them in one round trip. A generated subclass adds one method
 * per task, with the task's own signature, that checks and adds one job.
 */
public abstract class TaskBatch {

    private final JobBatch jobs;

    /** A typed view of {@code jobs}. */
    protected TaskBatch(JobBatch jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** The untyped batch the generated methods add to. */
    protected final JobBatch jobBatch() {
        return jobs;
    }

    /**
     * Writes every job added, one script call per queue for up to 1,000 jobs; returns the handles
     * in the order added.
     *
     * @throws SpoolException if Redis cannot be reached or refuses the jobs
     * @throws IllegalStateException if the batch was enqueued already
     */
    public List<Job<?>> enqueue() {
        return jobs.enqueue();
    }

    /** How many jobs were added. */
    public int size() {
        return jobs.size();
    }
}
