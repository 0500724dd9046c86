package dev.spool.workflow;

import dev.spool.Cancellation;
import dev.spool.Job;
import java.util.List;

/**
 * A typed handle to a whole workflow: as a {@link Job} it stands for the workflow's final job (a
 * chain's last step, a chord's callback), so {@code await} returns the workflow's result or throws
 * {@link dev.spool.JobFailedException} naming the job that failed; it also lists every job of the
 * workflow and reads their states at once.
 *
 * @param <R> the result type of the final job
 */
public interface WorkflowJob<R> extends Job<R> {

    /** The workflow's id; every job id of the workflow is {@code <workflow id>-<position>}. */
    String workflowId();

    /**
     * Every job of the workflow, in position order: a chain's steps in order; a chord's members in
     * input order, then its callback.
     */
    List<Job<?>> jobs();

    /** The state of every job of the workflow, read in one pipelined round trip. */
    WorkflowStatus workflowStatus();

    /**
     * Cancels the whole workflow: every job of it that has not finished, the final job (a chain's
     * last step, a chord's callback) first, so none of them runs any more; a running member is
     * told through its {@link dev.spool.JobContext#cancelled()}. Jobs that finished stay as they
     * are. One cancel call per job.
     *
     * @return what the cancel did to the final job
     */
    @Override
    Cancellation cancel();
}
