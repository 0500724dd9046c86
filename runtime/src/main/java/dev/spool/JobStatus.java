package dev.spool;

/** Where a job is in its life. */
public enum JobStatus {
    /** Waiting for its run-at time (a delayed job, or a retry waiting out its backoff). */
    SCHEDULED,
    /** Waiting for other jobs it depends on (a later chain step, a chord callback). */
    WAITING,
    /** In its queue, ready for the next free worker. */
    QUEUED,
    /** Leased to a worker and running. */
    ACTIVE,
    /** Finished; its result can be read until it expires. */
    SUCCEEDED,
    /** Failed for good, after its retries; its failure can be read and it can be retried. */
    FAILED,
    /**
     * Cancelled by an operator ({@link JobQueue#cancel}): it never ran, or its run was told to stop
     * and its outcome discarded. Its failure (class {@code dev.spool.Cancelled}) says so.
     */
    CANCELLED,
    /**
     * Not started by its deadline ({@link JobOptions#expiresIn}, {@code @Task(expiresInSeconds)}): a
     * worker fetched it too late and discarded it without running it. Its failure (class {@code
     * dev.spool.Expired}) says when it was due to start by.
     */
    EXPIRED,
    /** Spool has no record of it: never enqueued in this namespace, or its record expired. */
    MISSING;

    /** Whether the job will not change any more on its own. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED || this == MISSING;
    }
}
