package dev.spool.internal;

import dev.spool.Cancellation;
import dev.spool.JobStatus;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Operator;

/** Cancels one job and says what that did; shared by {@code JobQueue.cancel} and {@code Job.cancel}. */
public final class Cancels {

    private Cancels() {}

    /** Cancels job {@code id} of {@code queue} (see {@code JobQueue.cancel}). */
    public static Cancellation cancel(SpoolCore core, QueueKeys queue, String id, String reason) {
        Operator.Cancelled c = core.operator().cancel(queue, id, core.deadTtl().toSeconds(), reason);
        JobStatus before = switch (c.stateBefore()) {
            case "q" -> JobStatus.QUEUED;
            case "s" -> JobStatus.SCHEDULED;
            case "a" -> JobStatus.ACTIVE;
            case "w" -> JobStatus.WAITING;
            case "d" -> JobStatus.SUCCEEDED;
            case "f" -> JobStatus.FAILED;
            case "x" -> JobStatus.CANCELLED;
            case "e" -> JobStatus.EXPIRED;
            default -> JobStatus.MISSING;
        };
        Cancellation.Outcome outcome = switch (c.code()) {
            case 1 -> Cancellation.Outcome.CANCELLED;
            case 2 -> Cancellation.Outcome.CANCELLED_RUNNING;
            case 0 -> Cancellation.Outcome.ALREADY_FINISHED;
            default -> Cancellation.Outcome.NOT_FOUND;
        };
        return new Cancellation(id, outcome, before);
    }
}
