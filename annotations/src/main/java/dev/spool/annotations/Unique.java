package dev.spool.annotations;

/**
 * How long a unique job keeps its key ({@link Task#unique()}, or {@code JobOptions.unique(...)} per
 * call). While a job holds its key, enqueueing another job with the same key returns the handle of
 * the job already there instead of adding one. A key is never held forever: it is free once its job
 * leaves the scope, and a crashed worker's job keeps it only until that job ends.
 */
public enum Unique {

    /** Not unique: every enqueue adds a job. */
    NONE,

    /** Until a worker starts the job (a retry waiting for its backoff counts as queued again). */
    WHILE_QUEUED,

    /** Until the job succeeds, fails for good or is cancelled. */
    UNTIL_FINISHED,

    /** For a fixed period from the enqueue ({@link Task#uniqueFor()}), whatever the job does. */
    FOR_PERIOD
}
