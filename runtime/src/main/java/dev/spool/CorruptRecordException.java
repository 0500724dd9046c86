package dev.spool;

/**
 * A job's record in Redis holds something no Spool client writes (a key of another Redis type,
 * for instance, written by hand). Spool never runs such a job: it is dead-lettered with a reason
 * of class {@code dev.spool.CorruptRecord}; {@link DeadLetters#delete} removes it.
 */
public final class CorruptRecordException extends SpoolException {

    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
