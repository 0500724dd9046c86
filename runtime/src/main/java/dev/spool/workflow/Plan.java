package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chord with its callback, ready to start. Obtained from {@link Chord#callback} or {@link
 * ListChord#callback}.
 *
 * @param <R> the callback's result type, which is the workflow's result
 */
public final class Plan<R> {

    private final SpoolCore core;
    private final List<Graph.Node> nodes;
    private final TypeRef<R> resultType;
    private final Graph.Handler onFailure;
    private final FailurePolicy policy;

    Plan(SpoolCore core, List<Graph.Node> nodes, TypeRef<R> resultType) {
        this(core, nodes, resultType, null, FailurePolicy.CANCEL_QUEUED);
    }

    private Plan(SpoolCore core, List<Graph.Node> nodes, TypeRef<R> resultType, Graph.Handler onFailure,
            FailurePolicy policy) {
        this.core = core;
        this.nodes = nodes;
        this.resultType = resultType;
        this.onFailure = onFailure;
        this.policy = policy;
    }

    /**
     * What happens to members still queued when a member fails for good: {@link
     * FailurePolicy#CANCEL_QUEUED} (the default) or {@link FailurePolicy#LET_FINISH}.
     */
    public Plan<R> failurePolicy(FailurePolicy policy) {
        return new Plan<>(core, nodes, resultType, onFailure, java.util.Objects.requireNonNull(policy, "policy"));
    }

    /** Per-job options for the callback: queue, retries, timeout, {@code noRetryFor} (no delay). */
    public Plan<R> options(JobOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported for a chord's callback");
        }
        List<Graph.Node> next = new ArrayList<>(nodes);
        next.set(next.size() - 1, next.get(next.size() - 1).withOptions(options));
        return new Plan<>(core, List.copyOf(next), resultType, onFailure, policy);
    }

    /**
     * An error handler for the whole chord: when a member or the callback fails for good, {@code
     * handler} runs, exactly once, with a {@link WorkflowFailure} naming that job, its task and
     * its error as its first argument, followed by {@code boundArguments}. If every job succeeds
     * it never runs; its job then reports {@code CANCELLED} (class {@code dev.spool.NotNeeded}). It
     * is the last of {@link WorkflowJob#jobs()}, with the role {@code "on failure"}.
     *
     * @throws IllegalArgumentException if the handler's first parameter does not take a {@link
     *     WorkflowFailure}, or the number of bound arguments does not match
     */
    public Plan<R> onFailure(TaskDescriptor<?> handler, Object... boundArguments) {
        return new Plan<>(core, nodes, resultType, Graph.Handler.of(handler, boundArguments), policy);
    }

    /**
     * Enqueues the chord: the callback as a waiting job, then every member (pipelined). Every
     * argument is encoded and checked before anything is written.
     *
     * @return a handle to the callback's result and to every member
     */
    public WorkflowJob<R> start() {
        return start(JobOptions.defaults());
    }

    /**
     * Enqueues the workflow with options for all its jobs, where a job has none of its own (set
     * with {@code options(...)}): queue, retries and timeout for every job, a delay or run-at time
     * for the jobs that run at once (they hold the others back). Generated workflow classes pass
     * the options of their {@code with(...)}.
     *
     * @throws IllegalArgumentException for {@code dependsOn} or {@code noRetryFor}, which are per job
     */
    public WorkflowJob<R> start(JobOptions options) {
        return Graph.start(core, nodes, nodes.size() - 1, resultType, onFailure, options, policy);
    }
}
