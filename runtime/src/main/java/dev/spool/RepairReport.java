package dev.spool;

/**
 * What {@link JobQueue#repair()} found in one queue after Redis lost some of its keys.
 *
 * @param queue the queue
 * @param requeued jobs whose payload still waited but whose queue entry was gone: queued again,
 *     they will run
 * @param unrecoverable jobs whose queue entry is still there (queued or scheduled) but whose
 *     payload is gone, neither in the queue's wait hash nor in a record of the job: they cannot
 *     run, and a worker drops their entries when it meets them
 */
public record RepairReport(String queue, long requeued, long unrecoverable) {}
