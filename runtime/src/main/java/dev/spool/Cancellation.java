package dev.spool;

/**
 * What {@link JobQueue#cancel} did.
 *
 * @param id the job id
 * @param outcome what happened
 * @param before the job's status before (for {@link Outcome#NOT_FOUND}: {@link JobStatus#MISSING})
 */
public record Cancellation(String id, Outcome outcome, JobStatus before) {

    /** What a cancel did. */
    public enum Outcome {
        /** It had not run (queued, scheduled or waiting for a workflow): it never runs. */
        CANCELLED,
        /**
         * It was running: its lease is gone, so nothing its run does is recorded, and its worker
         * interrupts the run within about a second ({@link JobContext#cancelled()} turns true).
         */
        CANCELLED_RUNNING,
        /** It had finished already (succeeded, failed or cancelled); nothing changed. */
        ALREADY_FINISHED,
        /** No such job in this queue (never enqueued, or its record expired). */
        NOT_FOUND
    }

    /** Whether the job is cancelled by this call. */
    public boolean cancelled() {
        return outcome == Outcome.CANCELLED || outcome == Outcome.CANCELLED_RUNNING;
    }
}
