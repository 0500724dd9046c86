package dev.spool;

import java.time.Instant;
import java.util.Optional;

/**
 * What an operator sees of one job (from {@link JobQueue#jobs} or {@link JobQueue#job}).
 *
 * @param id the job id
 * @param queue its queue
 * @param task the task name, or {@code ""} when the payload is gone or unreadable
 * @param status where it is
 * @param attempts how many times it has been fetched
 * @param enqueuedAt when it was created (read from its id), or null for an id Spool did not make
 * @param scheduledFor when it is due (scheduled jobs), or null
 * @param startedAt when its current attempt started running (active jobs), or its last one (a job
 *     that ran and is kept: succeeded, dead, cancelled, queued again for a retry), by Redis' clock;
 *     null if it has not run
 * @param leaseExpiresAt when its lease runs out unless renewed (active jobs), or null
 * @param finishedAt when it succeeded or failed for good, or null (not finished, or finished another way)
 * @param worker the id of the worker that fetched it last, or {@code ""}
 * @param arguments its arguments as JSON, for display, or null when gone or unreadable
 * @param payload the raw packed payload as stored, or null when gone
 * @param failure its last failure, or null
 * @param progress what its task last reported, or null
 */
public record JobInfo(String id, String queue, String task, JobStatus status, int attempts, Instant enqueuedAt,
        Instant scheduledFor, Instant startedAt, Instant leaseExpiresAt, Instant finishedAt, String worker, String arguments,
        String payload, JobFailure failure, JobProgress progress) {

    /** Its last failure, if any. */
    public Optional<JobFailure> lastFailure() {
        return Optional.ofNullable(failure);
    }

    /** Its last progress report, if any. */
    public Optional<JobProgress> lastProgress() {
        return Optional.ofNullable(progress);
    }
}
