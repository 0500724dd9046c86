package dev.spool.internal.queue;

import dev.spool.SpoolException;

/**
 * Redis refused a queue script with an error reply: a key of the queue has the wrong Redis type or
 * holds a value no Spool client writes ({@code SPOOL WRONGTYPE ...}, {@code SPOOL CORRUPT ...}), or
 * the script failed on a command. The script wrote nothing (each checks what it touches before
 * its first write). Distinct from a stale lease, and not worth asking again at once: the queue's
 * state has to be repaired first.
 */
public final class ScriptFailedException extends SpoolException {

    private static final long serialVersionUID = 1L;

    ScriptFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
