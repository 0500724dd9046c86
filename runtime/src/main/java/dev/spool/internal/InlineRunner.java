package dev.spool.internal;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.spi.TaskDescriptor;

/**
 * Runs a job in the calling thread instead of writing it to Redis: the seam of the inline mode of
 * Spool's JUnit 5 extension ({@code spool-test}). A client made with {@link Access#inlineSpool}
 * sends every enqueue, and every job of a workflow, here; it has no Redis connection at all.
 */
public interface InlineRunner {

    /**
     * Runs one job of {@code task} now, in this thread, and returns its finished handle.
     *
     * @param arguments the caller's arguments, not yet encoded
     * @throws dev.spool.CodecException if the arguments do not encode, as an enqueue would
     */
    <R> Job<R> run(TaskDescriptor<R> task, JobOptions options, Object[] arguments);
}
