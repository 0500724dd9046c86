package dev.spool;

import java.time.Duration;

/** Thrown when a job is not finished within the time its caller was willing to wait. */
public class JobTimeoutException extends SpoolException {
    private static final long serialVersionUID = 1L;

    public JobTimeoutException(String jobId, Duration waited, JobStatus lastStatus) {
        super("job " + jobId + " is still " + lastStatus + " after " + waited);
    }
}
