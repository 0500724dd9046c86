package dev.spool.internal;

import dev.spool.SpoolException;

/**
 * The connection to Redis broke before a reply arrived: the command or script may or may not have
 * run. Only the caller knows whether asking again is safe and what a second answer means (see
 * {@code dev.spool.internal.queue.Broker}).
 */
public final class ReplyLostException extends SpoolException {

    private static final long serialVersionUID = 1L;

    /** A lost reply. */
    public ReplyLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
