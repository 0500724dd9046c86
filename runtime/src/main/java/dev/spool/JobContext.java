package dev.spool;

import dev.spool.internal.CurrentJob;
import dev.spool.internal.RunControl;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running task may know about the job it runs: its id, queue,
 * attempt, the worker that runs it and the lease token of this run; whether an operator cancelled
 * it. Available on the task's thread while it runs.
 *
 * <pre>{@code
 * JobContext job = JobContext.current().orElseThrow();
 * for (int i = 0; i < items.size() && !job.cancelled(); i++) {
 *     process(items.get(i));
 *     job.progress((i + 1) / (double) items.size(), "item " + (i + 1) + " of " + items.size());
 * }
 * }</pre>
 */
public final class JobContext {

    private final String id;
    private final String queue;
    private final String task;
    private final int attempt;
    private final String workerId;
    private final String leaseToken;
    private final RunControl control;
    private final Map<String, String> propagated;

    /**
     * The context of one run (the worker makes it).
     *
     * @param id the job id
     * @param queue the queue it was fetched from
     * @param task the task name
     * @param attempt which run this is, from 1
     * @param workerId the id of the worker running it (see {@code Worker.id()})
     * @param leaseToken the lease token of this run; a run whose lease expired cannot finish the job
     * @param control what the worker and the task share about the run
     */
    public JobContext(String id, String queue, String task, int attempt, String workerId, String leaseToken,
            RunControl control) {
        this(id, queue, task, attempt, workerId, leaseToken, control, Map.of());
    }

    /**
     * The context of one run that carries entries from its enqueue (the worker makes it).
     *
     * @param propagated what {@link dev.spool.spi.JobContextPropagator}s gave the job when it was
     *     enqueued (see {@link #propagated()})
     */
    public JobContext(String id, String queue, String task, int attempt, String workerId, String leaseToken,
            RunControl control, Map<String, String> propagated) {
        this.propagated = Map.copyOf(Objects.requireNonNull(propagated, "propagated"));
        this.id = id;
        this.queue = queue;
        this.task = task;
        this.attempt = attempt;
        this.workerId = workerId;
        this.leaseToken = leaseToken;
        this.control = Objects.requireNonNull(control, "control");
    }

    /** The job that the current thread runs, if it runs one. */
    public static Optional<JobContext> current() {
        return Optional.ofNullable(CurrentJob.get());
    }

    /** The job id. */
    public String id() {
        return id;
    }

    /** The queue it was fetched from. */
    public String queue() {
        return queue;
    }

    /** The task name. */
    public String task() {
        return task;
    }

    /** Which run this is, from 1. */
    public int attempt() {
        return attempt;
    }

    /** The id of the worker running it. */
    public String workerId() {
        return workerId;
    }

    /**
     * What the job carries from the thread that enqueued it: the entries that {@link
     * dev.spool.spi.JobContextPropagator}s on the enqueueing client's class path returned (for
     * example {@code traceparent} with {@code spool-opentelemetry}); empty for none. Interceptors
     * read it to continue the enqueuer's context.
     */
    public Map<String, String> propagated() {
        return propagated;
    }

    /** The lease token of this run. */
    public String leaseToken() {
        return leaseToken;
    }

    /**
     * Whether an operator cancelled the job ({@link JobQueue#cancel}). The worker also interrupts
     * the task's thread; a task that catches the interrupt should check this and return. Whatever
     * a cancelled run returns or throws is not recorded: the job stays {@link JobStatus#CANCELLED}.
     */
    public boolean cancelled() {
        return control.cancelled();
    }

    /**
     * Reports how far the job is, for {@link Job#progress()} and the inspection API. Cheap to call
     * as often as the task likes: it only records the report in memory, and the worker writes the
     * latest one to Redis at most every 100 ms (one call per queue for all its running jobs). A report
     * made just before the task returns may not be written.
     *
     * @param fraction from 0 to 1
     * @param message a short text (cut to 200 characters), or null
     * @throws IllegalArgumentException if {@code fraction} is not from 0 to 1
     */
    public void progress(double fraction, String message) {
        control.report(new JobProgress(fraction, message));
    }

    /**
     * The split context of the job's workflow ({@link dev.spool.workflow.WorkflowContext}): entries
     * this job adds, and every entry of the workflow's other jobs. Empty for a job of no workflow.
     */
    public Optional<dev.spool.workflow.WorkflowContext> workflowContext() {
        return Optional.ofNullable(control.workflowContext());
    }

    /** The last progress this run reported, if any. */
    public Optional<JobProgress> progress() {
        return Optional.ofNullable(control.progress());
    }

    @Override
    public String toString() {
        return "JobContext[id=" + id + ", queue=" + queue + ", task=" + task + ", attempt=" + attempt
                + ", workerId=" + workerId + "]";
    }
}
