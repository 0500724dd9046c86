package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A workflow of any shape without cycles: each job may wait for several others and take each of
 * their results as a typed parameter, and several jobs may wait for one. Start one with {@link
 * Workflow#dag}.
 *
 * <pre>{@code
 * Dag dag = Workflow.dag(spool);
 * Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, 256);       // runs at once
 * Dag.Ref<Receipt> upload = dag.after(List.of(render), StorageTasks.UPLOAD);      // waits for render
 * Dag.Ref<List<String>> labels = dag.after(List.of(render), VisionTasks.LABELS);  // so does this
 * Dag.Ref<Report> report = dag.after(List.of(upload, labels), ReportsTasks.COMBINE, email);
 * WorkflowJob<Report> job = dag.start(report);
 * }</pre>
 *
 * <p>{@link #afterAll} passes the {@code List} of its inputs' results instead, in input order: a
 * chord's callback over any jobs of the DAG, such as {@code dag.afterAll(uploads,
 * AlbumTasks.PUBLISH)} for {@code Album publish(List<Receipt> receipts)} after several chains.
 *
 * <p>A job's inputs are jobs added before it, so a cycle cannot be built. Each waiting job is
 * released exactly once, when all its inputs succeeded, by the same join as a chord's callback;
 * a job that fails for good fails every job that waits for it, transitively. Not thread-safe: build
 * it on one thread, then {@link #start} it once.
 */
public final class Dag {

    private final SpoolCore core;
    private final List<Graph.Node> nodes = new ArrayList<>();
    private final List<TypeRef<?>> results = new ArrayList<>();
    private Graph.Handler onFailure;
    private boolean started;

    Dag(SpoolCore core) {
        this.core = core;
    }

    /**
     * A job of the DAG, to name as another job's input or as the result of {@link #start}.
     *
     * @param <R> its result type
     */
    public static final class Ref<R> {
        private final Dag dag;
        private final int position;

        private Ref(Dag dag, int position) {
            this.dag = dag;
            this.position = position;
        }

        /** Its position: its job id is {@code <workflow id>-<position>}. */
        public int position() {
            return position;
        }
    }

    /** A job that runs at once: {@code task} with all its arguments. */
    public <R> Ref<R> job(TaskDescriptor<R> task, Object... arguments) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        Object[] args = Graph.args(arguments);
        String role = "job " + nodes.size();
        Graph.checkArity(role, task, 0, args);
        return add(new Graph.Node(role, task, JobOptions.defaults(), args, 0, Graph.SPREAD, -1, 0), task);
    }

    /**
     * A job that waits for {@code inputs} to succeed: their results become its first parameters,
     * in this order, followed by {@code boundArguments}.
     *
     * @throws IllegalArgumentException if there are no inputs, an input is of another DAG or returns
     *     nothing, a parameter does not take its input's result type (boxing aside, generics must
     *     match), or the number of bound arguments does not match
     */
    public <R> Ref<R> after(List<? extends Ref<?>> inputs, TaskDescriptor<R> task, Object... boundArguments) {
        String role = checkInputs(inputs, task);
        Object[] bound = Graph.args(boundArguments);
        Graph.checkArity(role, task, inputs.size(), bound);
        for (int i = 0; i < inputs.size(); i++) {
            TypeRef<?> result = results.get(inputs.get(i).position());
            if (!Types.fits(result, task.parameters().get(i).type())) {
                throw new IllegalArgumentException(role + " " + task.name() + " cannot take the result of "
                        + describe(inputs.get(i)) + " as its parameter " + i + " " + task.parameters().get(i).name()
                        + ": that is a " + task.parameters().get(i).type() + ", and the result is a " + result);
            }
        }
        return add(linked(inputs, new Graph.Node(role, task, JobOptions.defaults(), bound, inputs.size(), Graph.SPREAD,
                -1, 0)), task);
    }

    /**
     * A job that waits for {@code inputs} to succeed and takes the {@code List} of their results,
     * in this order, as its first parameter, followed by {@code boundArguments}: a chord's
     * callback whose members are any jobs of the DAG, such as the last steps of several chains.
     *
     * <pre>{@code
     * List<Dag.Ref<Thumbnail>> uploads = ...;                         // the last step of each branch
     * Dag.Ref<Album> album = dag.afterAll(uploads, AlbumTasks.PUBLISH); // Album publish(List<Thumbnail> all)
     * }</pre>
     *
     * @throws IllegalArgumentException if there are no inputs, an input is of another DAG or returns
     *     nothing, the first parameter is not a {@code List} (or {@code Collection}, {@code
     *     Iterable}) that takes every input's result type, or the number of bound arguments does not
     *     match
     */
    public <R> Ref<R> afterAll(List<? extends Ref<?>> inputs, TaskDescriptor<R> task, Object... boundArguments) {
        String role = checkInputs(inputs, task);
        Object[] bound = Graph.args(boundArguments);
        Graph.checkArity(role, task, 1, bound);
        TaskDescriptor.Parameter first = task.parameters().get(0);
        for (Ref<?> input : inputs) {
            TypeRef<?> result = results.get(input.position);
            if (!Types.isListOf(first.type(), result)) {
                throw new IllegalArgumentException(role + " " + task.name() + " cannot take the result of "
                        + describe(input) + " in its parameter " + first.name() + ": that is a " + first.type()
                        + ", not a java.util.List<" + result + ">");
            }
        }
        return add(linked(inputs, new Graph.Node(role, task, JobOptions.defaults(), bound, inputs.size(), Graph.LIST,
                -1, 0)), task);
    }

    /**
     * A job that waits for {@code inputs} to succeed but takes none of their results: {@code
     * arguments} are all its arguments (a step after one that returns nothing, or after jobs whose
     * results it does not need). With no inputs it runs at once, as {@link #job}.
     *
     * @throws IllegalArgumentException if an input is of another DAG, or the number of arguments
     *     does not match
     */
    public <R> Ref<R> afterDone(List<? extends Ref<?>> inputs, TaskDescriptor<R> task, Object... arguments) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        if (inputs.isEmpty()) {
            return job(task, arguments);
        }
        String role = "job " + nodes.size();
        for (int i = 0; i < inputs.size(); i++) {
            if (Objects.requireNonNull(inputs.get(i), "input").dag != this) {
                throw new IllegalArgumentException("input " + i + " of " + role + " is a job of another DAG");
            }
        }
        Object[] args = Graph.args(arguments);
        Graph.checkArity(role, task, 0, args);
        return add(linked(inputs, new Graph.Node(role, task, JobOptions.defaults(), args, inputs.size(), Graph.NONE,
                -1, 0)), task);
    }

    /** Checks the inputs of the next job; returns its role. */
    private String checkInputs(List<? extends Ref<?>> inputs, TaskDescriptor<?> task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("after(...) needs at least one input; use job(...) for a job that runs at once");
        }
        String role = "job " + nodes.size();
        for (int i = 0; i < inputs.size(); i++) {
            Ref<?> input = Objects.requireNonNull(inputs.get(i), "input");
            if (input.dag != this) {
                throw new IllegalArgumentException("input " + i + " of " + role + " is a job of another DAG");
            }
            if (Types.isVoid(results.get(input.position))) {
                throw new IllegalArgumentException(role + " " + task.name() + " cannot take the result of "
                        + describe(input) + ": it returns nothing");
            }
        }
        return role;
    }

    private String describe(Ref<?> input) {
        return "job " + input.position + " (" + nodes.get(input.position).task().name() + ")";
    }

    /** Makes each input feed its index of {@code node}, the next node; returns {@code node}. */
    private Graph.Node linked(List<? extends Ref<?>> inputs, Graph.Node node) {
        int position = nodes.size();
        for (int i = 0; i < inputs.size(); i++) {
            int from = inputs.get(i).position();
            nodes.set(from, nodes.get(from).alsoFeeding(position, i));
        }
        return node;
    }

    /**
     * Per-job options for one job: queue, retries, timeout, {@code noRetryFor}; a delay only for a
     * job that runs at once.
     */
    public Dag options(Ref<?> job, JobOptions options) {
        Objects.requireNonNull(options, "options");
        checkOpen();
        if (job.dag != this) {
            throw new IllegalArgumentException("a job of another DAG");
        }
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported inside a DAG: use after(...)");
        }
        nodes.set(job.position, nodes.get(job.position).withOptions(options));
        return this;
    }

    /** An error handler, as {@link Chain#onFailure}. */
    public Dag onFailure(TaskDescriptor<?> handler, Object... boundArguments) {
        checkOpen();
        onFailure = Graph.Handler.of(handler, boundArguments);
        return this;
    }

    /** Enqueues the DAG; {@code result} is the job whose result the handle gives. */
    public <R> WorkflowJob<R> start(Ref<R> result) {
        return start(result, JobOptions.defaults());
    }

    /**
     * Enqueues the DAG: the waiting jobs first, then the jobs that run at once (pipelined), with
     * options for all jobs as {@link Chain#start(JobOptions)}. Every argument is encoded and checked
     * before anything is written.
     *
     * @param result the job whose result the returned handle gives
     */
    @SuppressWarnings("unchecked")
    public <R> WorkflowJob<R> start(Ref<R> result, JobOptions options) {
        checkOpen();
        if (result.dag != this) {
            throw new IllegalArgumentException("the result is a job of another DAG");
        }
        started = true;
        return Graph.start(core, List.copyOf(nodes), result.position, (TypeRef<R>) results.get(result.position),
                onFailure, options);
    }

    private <R> Ref<R> add(Graph.Node node, TaskDescriptor<R> task) {
        nodes.add(node);
        results.add(task.resultType());
        return new Ref<>(this, nodes.size() - 1);
    }

    private void checkOpen() {
        if (started) {
            throw new IllegalStateException("this DAG was started already; build a new one");
        }
    }
}
