package dev.spool;

/**
 * Thrown (or wrapped, as the cause of another exception) by a task whose failure a retry cannot
 * fix: the job fails for good at once, whatever retries it has left.
 *
 * <pre>{@code
 * if (customer == null) {
 *     throw new NonRetryableException("no customer " + id);
 * }
 * }</pre>
 *
 * <p>To mark exception types a task does not own as not worth retrying, use
 * {@code @Task(noRetryFor = ...)} or {@link JobOptions#noRetryFor(Class[])}.
 */
public class NonRetryableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
