package dev.spool.workflow;

/**
 * What happens to a workflow's jobs that are still queued when one of its jobs fails for good
 * (the workflow has failed: its callback and later steps will not run).
 */
public enum FailurePolicy {
    /**
     * Cancel them (the default): jobs still queued or scheduled end {@code CANCELLED} and never
     * run. Jobs already running finish; their results are discarded.
     */
    CANCEL_QUEUED("cancel"),
    /** Let them run to the end; their results are kept but feed nothing. */
    LET_FINISH("finish");

    private final String stored;

    FailurePolicy(String stored) {
        this.stored = stored;
    }

    /** How the workflow's manifest records it. */
    String stored() {
        return stored;
    }
}
