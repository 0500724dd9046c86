package dev.spool;

/**
 * Redis refused a write because it reached its {@code maxmemory} limit (an {@code OOM} error).
 * Nothing of the refused operation was written: Spool's scripts do all their checks before their
 * first write, and Redis refuses a script for memory only at its first write. The job was not
 * enqueued; retry later, or give Redis more memory.
 */
public class RedisOutOfMemoryException extends SpoolException {
    private static final long serialVersionUID = 1L;

    public RedisOutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
