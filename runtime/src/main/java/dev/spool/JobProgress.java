package dev.spool;

/**
 * How far a running job says it is (stored in its record's field {@code g} as {@code <fraction>|<message>}).
 *
 * @param fraction from 0 to 1
 * @param message a short text, possibly empty
 */
public record JobProgress(double fraction, String message) {

    /** Checks the fraction and cuts the message to 200 characters. */
    public JobProgress {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress must be from 0 to 1: " + fraction);
        }
        message = message == null ? "" : message.length() > 200 ? message.substring(0, 200) : message;
    }
}
