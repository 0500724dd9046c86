package dev.spool.workflow;

import dev.spool.JobFailure;
import dev.spool.JobStatus;
import dev.spool.internal.Flows;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of every job of a workflow at one moment.
 *
 * @param workflowId the workflow's id
 * @param state the workflow as a whole
 * @param jobs every job, in position order (see {@link WorkflowJob#jobs()})
 */
public record WorkflowStatus(String workflowId, State state, List<Entry> jobs) {

    public WorkflowStatus {
        jobs = List.copyOf(jobs);
    }

    /** Where a workflow is as a whole. */
    public enum State {
        /** Some jobs have not finished yet. */
        RUNNING,
        /** The final job succeeded; its result is the workflow's result. */
        SUCCEEDED,
        /** A job failed for good; the jobs that waited for it failed too and will not run. */
        FAILED,
        /** The final job's record is gone (expired after the result TTL) and nothing failed. */
        MISSING
    }

    /**
     * One job of the workflow.
     *
     * @param role its part: {@code step 1}, {@code member 0}, {@code callback}
     * @param task the task name
     * @param queue the queue it runs in
     * @param jobId the job id
     * @param status where it is ({@link JobStatus#WAITING} while it waits for its inputs)
     * @param failure why it failed, if it failed for good
     */
    public record Entry(String role, String task, String queue, String jobId, JobStatus status, Optional<JobFailure> failure) {}

    /** How many jobs are in each status. */
    public Map<JobStatus, Integer> counts() {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        for (Entry job : jobs) {
            counts.merge(job.status(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The job whose own failure failed the workflow (not one that failed because it waited for it),
     * if any.
     */
    public Optional<Entry> rootFailure() {
        return jobs.stream().filter(j -> j.failure().isPresent()
                && !Flows.WORKFLOW_FAILED.equals(j.failure().get().exceptionClass())).findFirst()
                .or(() -> jobs.stream().filter(j -> j.failure().isPresent()).findFirst());
    }
}
