package dev.spool.internal;

import dev.spool.JobFailure;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds {@link JobFailure}s from exceptions and Spool's own reasons. */
public final class Failures {

    /** Reason class for a task name no worker table knows. */
    public static final String UNKNOWN_TASK = "dev.spool.UnknownTask";
    /** Reason class for a run that exceeded its timeout. */
    public static final String TASK_TIMEOUT = "dev.spool.TaskTimeout";
    /** Reason class for a payload larger than the worker accepts; it is not decoded. */
    public static final String PAYLOAD_TOO_LARGE = "dev.spool.PayloadTooLarge";
    /** Longest stack trace kept, in characters. */
    public static final int MAX_STACK_TRACE = 16 * 1024;

    private Failures() {}

    /** The failure for an exception thrown by a task (or by decoding). */
    public static JobFailure of(Throwable error, int attempts) {
        return new JobFailure(error.getClass().getName(), String.valueOf(error.getMessage() == null ? "" : error.getMessage()),
                stackTrace(error), attempts);
    }

    /** A failure with a reason of Spool's own and no stack trace. */
    public static JobFailure reason(String reasonClass, String message, int attempts) {
        return new JobFailure(reasonClass, message, "", attempts);
    }

    /** How many known task names an unknown-task reason suggests. */
    public static final int SUGGESTIONS = 3;

    /**
     * The failure for a job whose task this worker does not know: names the closest few of the
     * {@code known} task names (by edit distance, ignoring case) instead of every one.
     */
    public static JobFailure unknownTask(String task, Collection<String> known, int attempts) {
        List<String> closest = closest(task, known, SUGGESTIONS);
        String message = "unknown task \"" + task + "\": none of the " + known.size() + " task"
                + (known.size() == 1 ? "" : "s") + " of this worker has that name"
                + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest))
                + ". Is the class that declares it on the worker's class path, and its name spelled the same?";
        return reason(UNKNOWN_TASK, message, attempts);
    }

    /** The {@code limit} names nearest to {@code name} by edit distance ignoring case, nearest first. */
    static List<String> closest(String name, Collection<String> names, int limit) {
        String target = name.toLowerCase(Locale.ROOT);
        return names.stream()
                .sorted(Comparator.comparingInt((String candidate) ->
                                distance(target, candidate.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /** Levenshtein distance, in O(a * b) time and O(b) space; names are short. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The stack trace as Java prints it (causes included), at most {@link #MAX_STACK_TRACE} characters. */
    public static String stackTrace(Throwable error) {
        StringBuilder out = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        String prefix = "";
        while (current != null && seen.add(current) && out.length() < MAX_STACK_TRACE) {
            out.append(prefix).append(current).append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                out.append("\tat ").append(frame).append('\n');
                if (out.length() >= MAX_STACK_TRACE) {
                    break;
                }
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return out.length() > MAX_STACK_TRACE ? out.substring(0, MAX_STACK_TRACE) : out.toString();
    }
}
