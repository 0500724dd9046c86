package dev.spool;

/**
 * How many jobs one queue holds in each state, read in one consistent step (one script call, each
 * count exact and read from a length, never a scan).
 *
 * @param queue the queue's name
 * @param queued ready to run, waiting for a free worker
 * @param scheduled waiting for their run-at time (delays, retry backoffs)
 * @param active leased to a worker: running, or in a worker's local buffer
 * @param waiting waiting for a workflow's inputs (later chain steps, chord callbacks)
 * @param succeeded succeeded with their result still kept ({@code resultTtl})
 * @param dead failed for good, kept as dead letters ({@code deadTtl})
 * @param paused whether the queue is paused ({@link JobQueue#pause()})
 */
public record QueueCounts(String queue, long queued, long scheduled, long active, long waiting, long succeeded,
        long dead, boolean paused) {

    /** Jobs that have not finished: queued, scheduled, active and waiting. */
    public long pending() {
        return queued + scheduled + active + waiting;
    }
}
