package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chain being built: steps that run one after another, each step's result becoming the first
 * argument of the next. Immutable: every method returns a new chain, so a chain whose steps are
 * chosen at run time is built in a loop. Start one with {@link Workflow#chain}.
 *
 * <pre>{@code
 * WorkflowJob<Receipt> job = Workflow.chain(spool)
 *         .first(ThumbnailsTasks.RENDER, image, 256)     // Thumbnail render(ImageRef, int)
 *         .then(StorageTasks.UPLOAD)                     // Receipt upload(Thumbnail)
 *         .then(MailerTasks.NOTIFY, email)               // Receipt notify(Receipt, String)
 *         .start();
 * }</pre>
 *
 * <p>Only the first step is enqueued at once; each later step waits ({@link
 * dev.spool.JobStatus#WAITING}) and is enqueued, exactly once, when the step before it succeeded.
 * If a step fails for good, every later step fails with a {@code dev.spool.WorkflowFailed} failure
 * naming that step's job, task and error, and never runs.
 *
 * @param <R> the result type of the last step so far
 */
public final class Chain<R> {

    private final SpoolCore core;
    private final List<Graph.Node> steps;
    private final TypeRef<R> resultType;
    private final Graph.Handler onFailure;

    private Chain(SpoolCore core, List<Graph.Node> steps, TypeRef<R> resultType, Graph.Handler onFailure) {
        this.core = core;
        this.steps = steps;
        this.resultType = resultType;
        this.onFailure = onFailure;
    }

    /** The beginning of a chain: its first step. */
    public static final class Start {
        private final SpoolCore core;

        Start(SpoolCore core) {
            this.core = core;
        }

        /**
         * The first step: {@code task} with all its arguments.
         *
         * @throws IllegalArgumentException if the number of arguments does not match the task
         */
        public <R> Chain<R> first(TaskDescriptor<R> task, Object... arguments) {
            Objects.requireNonNull(task, "task");
            Object[] args = Graph.args(arguments);
            Graph.checkArity("step 1", task, 0, args);
            return new Chain<>(core, List.of(new Graph.Node("step 1", task, JobOptions.defaults(), args, 0, Graph.SPREAD, -1, 0)),
                    task.resultType(), null);
        }
    }

    /**
     * The next step: {@code task} receives this chain's result as its first argument, followed by
     * {@code boundArguments}. After a step that returns nothing ({@code void}), the next step takes
     * no input: it waits for that step to succeed, and {@code boundArguments} are all its arguments.
     *
     * @throws IllegalArgumentException if the task's first parameter does not take this chain's
     *     result type (boxing aside, generics must match exactly), or if the number of bound
     *     arguments does not match
     */
    public <N> Chain<N> then(TaskDescriptor<N> task, Object... boundArguments) {
        Objects.requireNonNull(task, "task");
        String role = "step " + (steps.size() + 1);
        Object[] bound = Graph.args(boundArguments);
        Graph.Node previous = steps.get(steps.size() - 1);
        boolean afterVoid = Types.isVoid(resultType);
        Graph.checkArity(role, task, afterVoid ? 0 : 1, bound);
        if (!afterVoid && !Types.fits(resultType, task.parameters().get(0).type())) {
            throw new IllegalArgumentException(role + " " + task.name() + " cannot follow " + previous.task().name()
                    + ": its first parameter " + task.parameters().get(0).name() + " is a " + task.parameters().get(0).type()
                    + ", but " + previous.task().name() + " returns a " + resultType);
        }
        List<Graph.Node> next = new ArrayList<>(steps.size() + 1);
        for (int i = 0; i < steps.size() - 1; i++) {
            next.add(steps.get(i));
        }
        Graph.Node last = steps.get(steps.size() - 1);
        next.add(new Graph.Node(last.role(), last.task(), last.options(), last.args(), last.inputs(), last.mode(),
                steps.size(), 0));
        next.add(new Graph.Node(role, task, JobOptions.defaults(), bound, 1, afterVoid ? Graph.NONE : Graph.SPREAD, -1, 0));
        return new Chain<>(core, List.copyOf(next), task.resultType(), onFailure);
    }

    /**
     * Per-job options for the step added last: queue, retries, timeout, {@code noRetryFor}; a delay
     * only for the first step (later steps run as soon as their input arrives).
     */
    public Chain<R> options(JobOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported inside a chain");
        }
        List<Graph.Node> next = new ArrayList<>(steps);
        next.set(next.size() - 1, next.get(next.size() - 1).withOptions(options));
        return new Chain<>(core, List.copyOf(next), resultType, onFailure);
    }

    /**
     * An error handler for the whole chain (Celery's {@code link_error}): when a step fails for
     * good, {@code handler} runs, exactly once, with a {@link WorkflowFailure} naming that step's
     * job, task and error as its first argument, followed by {@code boundArguments}. If every step
     * succeeds it never runs; its job then reports {@code CANCELLED} (class {@code
     * dev.spool.NotNeeded}). It is the last of {@link WorkflowJob#jobs()}, with the role {@code
     * "on failure"}.
     *
     * @throws IllegalArgumentException if the handler's first parameter does not take a {@link
     *     WorkflowFailure}, or the number of bound arguments does not match
     */
    public Chain<R> onFailure(TaskDescriptor<?> handler, Object... boundArguments) {
        return new Chain<>(core, steps, resultType, Graph.Handler.of(handler, boundArguments));
    }

    /** The result type of the last step. */
    public TypeRef<R> resultType() {
        return resultType;
    }

    /** How many steps the chain has. */
    public int size() {
        return steps.size();
    }

    /**
     * Enqueues the chain: the later steps as waiting jobs, then the first step. Every argument is
     * encoded and checked before anything is written.
     *
     * @return a handle to the last step's result and to every step
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
        return Graph.start(core, steps, steps.size() - 1, resultType, onFailure, options);
    }
}
