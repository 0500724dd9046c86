package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chord over a list being built: one task fanned out over a list whose size is known at run
 * time, then a callback that takes the {@code List} of all results in input order as its first
 * parameter, followed by bound arguments. Start one with {@link Workflow#chordOver}.
 *
 * <pre>{@code
 * WorkflowJob<Album> album = Workflow.chordOver(spool, ThumbnailsTasks.RENDER, images, image -> new Object[] {image, 256})
 *         .callback(ThumbnailsTasks.PUBLISH)   // Album publish(List<Thumbnail> thumbnails)
 *         .start();
 * }</pre>
 *
 * <p>Each member stores its own result under its index; the member whose success completes the
 * set releases the callback, exactly once. A member that fails for good fails the callback. An
 * empty list runs the callback at once with an empty list.
 *
 * @param <M> the members' result type
 */
public final class ListChord<M> {

    private final SpoolCore core;
    private final TaskDescriptor<M> member;
    private final List<Object[]> arguments;
    private final JobOptions options;

    ListChord(SpoolCore core, TaskDescriptor<M> member, List<Object[]> arguments, JobOptions options) {
        this.core = core;
        this.member = member;
        this.arguments = arguments;
        this.options = options;
    }

    /** Per-job options for every member: queue, delay, retries, timeout, {@code noRetryFor}. */
    public ListChord<M> options(JobOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported for a chord's members");
        }
        return new ListChord<>(core, member, arguments, options);
    }

    /** How many members the chord has. */
    public int size() {
        return arguments.size();
    }

    /**
     * The callback: its first parameter takes the list of the members' results in input order
     * ({@code List<M>}), then {@code boundArguments}.
     *
     * @throws IllegalArgumentException if the first parameter is not a {@code List} (or {@code
     *     Collection}, {@code Iterable}) of the members' result type, or the number of bound
     *     arguments does not match
     */
    public <R> Plan<R> callback(TaskDescriptor<R> callback, Object... boundArguments) {
        Objects.requireNonNull(callback, "callback");
        Object[] bound = Graph.args(boundArguments);
        Graph.checkArity("callback", callback, 1, bound);
        TaskDescriptor.Parameter first = callback.parameters().get(0);
        if (!Types.isListOf(first.type(), member.resultType())) {
            throw new IllegalArgumentException("callback " + callback.name() + " cannot take the results of " + member.name()
                    + ": its first parameter " + first.name() + " is a " + first.type() + ", not a java.util.List<"
                    + member.resultType() + ">");
        }
        int n = arguments.size();
        List<Graph.Node> nodes = new ArrayList<>(n + 1);
        if (n == 0) {
            Object[] all = new Object[bound.length + 1];
            all[0] = List.of();
            System.arraycopy(bound, 0, all, 1, bound.length);
            nodes.add(new Graph.Node("callback", callback, JobOptions.defaults(), all, 0, Graph.LIST, -1, 0));
            return new Plan<>(core, List.copyOf(nodes), callback.resultType());
        }
        for (int i = 0; i < n; i++) {
            nodes.add(new Graph.Node("member " + i, member, options, arguments.get(i), 0, Graph.SPREAD, n, i));
        }
        nodes.add(new Graph.Node("callback", callback, JobOptions.defaults(), bound, n, Graph.LIST, -1, 0));
        return new Plan<>(core, List.copyOf(nodes), callback.resultType());
    }
}
