package dev.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue's rate limit ({@link JobQueue#rateLimit(int, Duration)}): at most {@code starts} of its
 * jobs start in any window of length {@code per}, counted across all workers. A retry or a job taken
 * back after a crash counts as a start again.
 *
 * @param starts how many starts a window allows, from 1 to {@link #MAX_STARTS}
 * @param per the window, from 1 ms to 1 day
 */
public record RateLimit(int starts, Duration per) {

    /** The most starts one window may allow (each start of the window is kept in Redis). */
    public static final int MAX_STARTS = 1_000_000;

    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (starts < 1 || starts > MAX_STARTS) {
            throw new IllegalArgumentException("a rate limit allows from 1 to " + MAX_STARTS + " starts: " + starts);
        }
        if (per.toMillis() < 1 || per.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a rate limit's window is from 1 ms to 1 day: " + per);
        }
    }
}
