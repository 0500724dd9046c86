package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.JobIds;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts workflows: chains and chords whose jobs are joined atomically in Redis. Generated
 * workflow stubs call these methods; application code may too.
 *
 * <pre>{@code
 * // a chain: each step's result is the first argument of the next
 * WorkflowJob<Receipt> shipped = Workflow.chain(spool)
 *         .first(ThumbnailsTasks.RENDER, image, 256).then(StorageTasks.UPLOAD).then(MailerTasks.NOTIFY, email).start();
 *
 * // a chord over a list: one task per element, then a callback with the list of results in input order
 * WorkflowJob<Album> album = Workflow.chordOver(spool, ThumbnailsTasks.RENDER, images, image -> new Object[] {image, 256})
 *         .callback(ThumbnailsTasks.PUBLISH).start();
 *
 * // a chord of different tasks: the callback takes each member's result as its own parameter
 * WorkflowJob<Double> mean = Workflow.chord(spool)
 *         .member(StatsTasks.COUNT, dataset).member(StatsTasks.SUM, dataset).callback(StatsTasks.MEAN).start();
 *
 * Album a = album.await(Duration.ofMinutes(1));    // or album.workflowStatus() for every job's state
 * }</pre>
 *
 * <p>Failure policy: a job of a workflow that fails for good (after its retries) fails every job
 * that waits for it, transitively, at once: those never run, and their handles report {@code
 * FAILED} with a {@code dev.spool.WorkflowFailed} failure that names the failed job, its task, its
 * queue and its error. Other members of a chord that are still queued are cancelled, unless the
 * chord's {@link Plan#failurePolicy} says {@link FailurePolicy#LET_FINISH}; running ones finish and
 * their results are discarded. An {@code onFailure} handler ({@link Chain#onFailure}, {@link
 * Plan#onFailure}) runs once with the failure. Retrying a dead member later does not revive the
 * workflow.
 */
public final class Workflow {

    private Workflow() {}

    /** Starts building a chain; add its first step with {@link Chain.Start#first}. */
    public static Chain.Start chain(Spool spool) {
        return new Chain.Start(core(spool));
    }

    /** Starts building a DAG: jobs that wait for any jobs added before them; see {@link Dag}. */
    public static Dag dag(Spool spool) {
        return new Dag(core(spool));
    }

    /** Starts building a chord of different tasks; add members with {@link Chord#member}. */
    public static Chord chord(Spool spool) {
        return new Chord(core(spool), List.of());
    }

    /**
     * A chord over a list: one job of {@code member} per item, with the arguments {@code arguments}
     * makes from the item.
     *
     * @param items the inputs, in order; the callback receives the results in this order
     * @param arguments all arguments of one member job, made from one item
     */
    public static <T, M> ListChord<M> chordOver(Spool spool, TaskDescriptor<M> member, List<? extends T> items,
            Function<? super T, Object[]> arguments) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(arguments, "arguments");
        List<Object[]> argumentLists = new ArrayList<>(items.size());
        for (T item : items) {
            argumentLists.add(arguments.apply(item));
        }
        return chordOver(spool, member, argumentLists);
    }

    /**
     * A chord over a list: one job of {@code member} per argument list.
     *
     * @param argumentLists all arguments of each member job, in input order
     */
    public static <M> ListChord<M> chordOver(Spool spool, TaskDescriptor<M> member, List<Object[]> argumentLists) {
        Objects.requireNonNull(member, "member");
        List<Object[]> copies = new ArrayList<>(argumentLists.size());
        for (int i = 0; i < argumentLists.size(); i++) {
            Object[] args = Graph.args(argumentLists.get(i));
            Graph.checkArity("member " + i, member, 0, args);
            copies.add(args);
        }
        return new ListChord<>(core(spool), member, List.copyOf(copies), JobOptions.defaults());
    }

    /**
     * Finds a workflow again by its id ({@link WorkflowJob#workflowId()}), from any process: after a
     * restart, or in another service than the one that started it. The handle reads the same state
     * as the original one: every job's status, result and failure, and the final result, decoded as
     * {@code resultType}. Each job's {@link dev.spool.Job#task() task()} names its task; the results
     * of jobs other than the final one decode to plain JSON values (maps, lists, strings, numbers).
     *
     * @return empty if no workflow has that id, or its record has expired (it is kept as long as
     *     its jobs wait, plus the longer of the result and dead TTLs)
     * @throws dev.spool.SpoolException if the id is not a valid id
     */
    public static <R> Optional<WorkflowJob<R>> find(Spool spool, String workflowId, TypeRef<R> resultType) {
        Objects.requireNonNull(resultType, "resultType");
        SpoolCore core = core(spool);
        return Manifest.read(core, Objects.requireNonNull(workflowId, "workflowId"))
                .map(manifest -> manifest.handle(core, workflowId, resultType));
    }

    /**
     * The workflow a job is part of, found from the job's id ({@code <workflow id>-<position>}): a
     * step of a chain, a member or the callback of a chord, a job of a DAG, an {@code onFailure}
     * handler. Its jobs' results decode to plain JSON values, as with {@link #find} and {@code
     * Object}. One read of the workflow's manifest; nothing for an id of another shape.
     *
     * @return empty for a job that is part of no workflow (a plain job, one that only has {@code
     *     dependsOn}), or whose workflow's record has expired
     */
    public static Optional<WorkflowJob<Object>> ofJob(Spool spool, String jobId) {
        Objects.requireNonNull(spool, "spool");
        String workflowId = JobIds.workflowOf(jobId);
        if (workflowId == null) {
            return Optional.empty();
        }
        return find(spool, workflowId, TypeRef.of(Object.class))
                .filter(flow -> flow.jobs().stream().anyMatch(job -> job.id().equals(jobId)));
    }

    private static SpoolCore core(Spool spool) {
        return Access.core(Objects.requireNonNull(spool, "spool"));
    }
}
