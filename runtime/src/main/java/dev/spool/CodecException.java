package dev.spool;

/**
 * Thrown when a value cannot be encoded to JSON or decoded to its declared type: wrong arity, a
 * type mismatch, an unknown property, a null for a primitive, or JSON that is not well-formed.
 */
public class CodecException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public CodecException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
