package dev.spool;

/** Thrown when awaiting the result of a job that failed for good. */
public class JobFailedException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final transient JobFailure failure;

    public JobFailedException(String jobId, JobFailure failure) {
        super("job " + jobId + " failed: " + failure);
        this.jobId = jobId;
        this.failure = failure;
    }

    /** The failed job's id. */
    public String jobId() {
        return jobId;
    }

    /** What the worker recorded about the failure. */
    public JobFailure failure() {
        return failure;
    }
}
