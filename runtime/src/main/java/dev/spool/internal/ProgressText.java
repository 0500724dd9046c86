package dev.spool.internal;

import dev.spool.JobProgress;

/** The stored form of a progress report, field {@code g} of a job record: {@code <fraction>|<message>}. */
public final class ProgressText {

    private ProgressText() {}

    /** The stored form. */
    public static String pack(JobProgress progress) {
        return progress.fraction() + "|" + progress.message();
    }

    /** The report stored as {@code text}; null for {@code ""} or anything unreadable. */
    public static JobProgress parse(String text) {
        int bar = text == null ? -1 : text.indexOf('|');
        if (bar < 0) {
            return null;
        }
        try {
            double fraction = Double.parseDouble(text.substring(0, bar));
            return new JobProgress(Math.max(0, Math.min(1, fraction)), text.substring(bar + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
