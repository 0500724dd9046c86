package dev.spool;

import java.util.List;

/**
 * Redis refused a write because it reached its {@code maxmemory} limit (an {@code OOM} error).
 * Each of Spool's scripts is refused as a whole: its first write is the one Redis refuses, so a
 * refused job, result or lease was not written at all. In a batch ({@link Spool#enqueueAll}), the
 * jobs before the refusal may have been written: {@link #writtenIds()} names exactly those, and
 * every other job of the batch was not enqueued. Retry the others later, or give Redis more memory.
 */
public class RedisOutOfMemoryException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final List<String> writtenIds;

    /** Nothing of the refused operation was written. */
    public RedisOutOfMemoryException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    /** Part of a batch was written: the jobs with these ids. */
    public RedisOutOfMemoryException(String message, Throwable cause, List<String> writtenIds) {
        super(message, cause);
        this.writtenIds = List.copyOf(writtenIds);
    }

    /**
     * The ids of the jobs of a batch that were enqueued before Redis refused (their handles work
     * as usual); empty when nothing was written.
     */
    public List<String> writtenIds() {
        return writtenIds;
    }
}
