package dev.spool.internal.queue;

import dev.spool.SpoolException;

/**
 * What a queue script answered, as one enum for every script: the Lua files' headers list the
 * numeric codes, and this is the only place that reads them. Each script has its own mapping
 * ({@link #ofEnqueue}, {@link #ofCompletion}, {@link #ofFailure}); a code a script never answers
 * is a {@link SpoolException} naming the script, never a silent default.
 */
public enum Reply {
    /** Enqueue: the job is ready. */
    QUEUED,
    /** Enqueue: the job waits for its due time. */
    SCHEDULED,
    /** Enqueue: the same id and payload were written already (a repeat after a lost reply); nothing written. */
    ALREADY_ENQUEUED,
    /** Enqueue: another job has this id; nothing written. */
    ID_TAKEN,
    /** Completion: the result was recorded. */
    RECORDED,
    /** Completion: this same lease recorded it already (a repeat after a lost reply); nothing written. */
    RECORDED_BEFORE,
    /** Failure: a retry is scheduled (or was, by a first call whose reply was lost). */
    RETRY_SCHEDULED,
    /** Failure: the job failed for good (or did, by a first call whose reply was lost). */
    FAILED_FOR_GOOD,
    /** Any lease-checked write: the lease token is stale, the job belongs to another run; nothing written. */
    STALE_LEASE;

    /** The answer of {@code enqueueJob-4.lua} and the enqueue scripts of workflow jobs. */
    public static Reply ofEnqueue(Object code) {
        return switch ((int) number("an enqueue script", code)) {
            case 1 -> QUEUED;
            case 2 -> SCHEDULED;
            case 3 -> ALREADY_ENQUEUED;
            case -2 -> ID_TAKEN;
            default -> throw unknown("an enqueue script", code);
        };
    }

    /** The answer per job of {@code completeJobs-1.lua} and the completions of {@code fetchJobs-5.lua}. */
    public static Reply ofCompletion(Object code) {
        return switch ((int) number("a completion", code)) {
            case 1 -> RECORDED;
            case 2 -> RECORDED_BEFORE;
            case -1 -> STALE_LEASE;
            default -> throw unknown("a completion", code);
        };
    }

    /** The answer of {@code failJob-3.lua}. */
    public static Reply ofFailure(Object code) {
        return switch ((int) number("failJob-3.lua", code)) {
            case 1 -> RETRY_SCHEDULED;
            case 2 -> FAILED_FOR_GOOD;
            case -1 -> STALE_LEASE;
            default -> throw unknown("failJob-3.lua", code);
        };
    }

    /** Whether a completion was written, by this call or by an earlier one of the same lease. */
    public boolean recorded() {
        return this == RECORDED || this == RECORDED_BEFORE;
    }

    private static long number(String script, Object code) {
        if (code instanceof Long n) {
            return n;
        }
        throw unknown(script, code);
    }

    private static SpoolException unknown(String script, Object code) {
        return new SpoolException(script + " answered " + code + ", which Spool does not know: "
                + "is a newer or older Spool using this namespace?");
    }
}
