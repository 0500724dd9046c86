package dev.spool;

import java.util.Objects;

/**
 * Why a job failed: the exception its task threw (or the reason Spool gave up on it, such as a
 * payload that does not decode), as recorded by the worker.
 *
 * @param exceptionClass the fully qualified class of the exception, or a Spool reason such as
 *     {@code dev.spool.UnknownTask}
 * @param message the exception's message; may be empty
 * @param stackTrace the stack trace as text; may be empty
 * @param attempts how many times the job ran
 */
public record JobFailure(String exceptionClass, String message, String stackTrace, int attempts) {

    public JobFailure {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /** {@code exceptionClass: message}, as a log line would show it. */
    @Override
    public String toString() {
        return message.isEmpty() ? exceptionClass : exceptionClass + ": " + message;
    }
}
