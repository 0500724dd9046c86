package dev.spool.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job ids: 14 characters of base62 (digits, then upper, then lower case letters, so they sort in
 * ASCII order): 8 for the milliseconds since the epoch, 6 for a per-process sequence that starts at
 * a random point. Within one process no two ids are ever equal (the sequence would have to wrap
 * 62<sup>6</sup>, about 5.7 × 10<sup>10</sup>, ids within one millisecond); two processes collide
 * only if, in the same millisecond, their sequences hit the same value. Roughly time-ordered, and
 * short, since every waiting job stores its id twice.
 */
public final class JobIds {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final long SEQUENCE_SPACE = 56_800_235_584L; // 62^6
    private static final AtomicLong SEQUENCE =
            new AtomicLong(Math.floorMod(new SecureRandom().nextLong(), SEQUENCE_SPACE));

    private JobIds() {}

    /** A fresh id. */
    public static String next() {
        char[] id = new char[14];
        encode(System.currentTimeMillis(), id, 0, 8);
        encode(Math.floorMod(SEQUENCE.getAndIncrement(), SEQUENCE_SPACE), id, 8, 6);
        return new String(id);
    }

    /**
     * The id of a periodic schedule's job for one tick: the tick's time, then six characters from
     * the schedule's name, so that one tick of one schedule always has the same id.
     */
    public static String forTick(String schedule, long tickMillis) {
        char[] id = new char[14];
        encode(tickMillis, id, 0, 8);
        long hash = 1125899906842597L;
        for (int i = 0; i < schedule.length(); i++) {
            hash = 31 * hash + schedule.charAt(i);
        }
        encode(Math.floorMod(hash, SEQUENCE_SPACE), id, 8, 6);
        return new String(id);
    }

    private static void encode(long value, char[] out, int offset, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (value % 62)];
            value /= 62;
        }
    }

    /**
     * When a job was created, read from its id (its first 8 characters; a workflow job's id starts
     * with its workflow's id), in ms since the epoch; -1 for an id Spool did not make.
     */
    public static long createdAtMillis(String id) {
        if (id == null || id.length() < 14 || (id.length() > 14 && id.charAt(14) != '-')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            char c = id.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                    : c >= 'a' && c <= 'z' ? c - 'a' + 36 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 62 + digit;
        }
        return value;
    }

    /** Whether text looks like a job id (used to refuse odd input before it reaches Redis). */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * The workflow a job id belongs to: a workflow's jobs are {@code <workflow id>-<position>};
     * null for any other id.
     */
    public static String workflowOf(String jobId) {
        if (jobId == null || jobId.length() < 16 || jobId.charAt(14) != '-' || !isValid(jobId.substring(0, 14))
                || !jobId.substring(15).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return jobId.substring(0, 14);
    }
}
