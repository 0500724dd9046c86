package dev.spool.internal;

import dev.spool.JobFailure;
import java.util.Collections;
import java.util.IdentityHashMap;
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
