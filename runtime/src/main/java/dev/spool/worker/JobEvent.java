package dev.spool.worker;

import java.time.Duration;
import java.util.Optional;

/**
 * How one run ended, for {@link JobListener}s.
 *
 * @param id the job id
 * @param queue its queue
 * @param task the task name
 * @param outcome how it ended
 * @param attempt which run this was, from 1
 * @param runTime how long the task ran (from the start of the run to the outcome); zero for an
 *     expired job
 * @param queueWait for a job's first run, from its enqueue (the time in its id, the enqueuing
 *     machine's clock) to its fetch by this worker, delays included; empty for later runs
 */
public record JobEvent(String id, String queue, String task, Outcome outcome, int attempt, Duration runTime,
        Optional<Duration> queueWait) {

    /** How a run ended. */
    public enum Outcome {
        /** Its result was recorded. */
        SUCCEEDED,
        /** It failed and a retry is scheduled. */
        RETRIED,
        /** It failed for good: a dead letter. */
        FAILED,
        /** An operator cancelled it while it ran. */
        CANCELLED,
        /** It was fetched after its start deadline and discarded unrun. */
        EXPIRED;

        /** The lower-case name, as metrics tag it. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
