package dev.spool;

/** The root of every exception Spool throws. */
public class SpoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpoolException(String message) {
        super(message);
    }

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
