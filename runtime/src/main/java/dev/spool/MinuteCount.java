package dev.spool;

import java.time.Instant;

/**
 * What one queue's workers finished in one minute ({@link JobQueue#lastHour()}).
 *
 * @param minute the start of the minute (Redis' clock)
 * @param succeeded jobs that succeeded in it
 * @param failed attempts that failed in it (retried or failed for good)
 */
public record MinuteCount(Instant minute, long succeeded, long failed) {

    /** Succeeded plus failed: every run that ended in this minute. */
    public long processed() {
        return succeeded + failed;
    }
}
