package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chord of different tasks being built: members that run in parallel (possibly on different
 * queues), then one callback that takes each member's result as its own parameter, in member
 * order, followed by bound arguments. Start one with {@link Workflow#chord}.
 *
 * <pre>{@code
 * WorkflowJob<Double> mean = Workflow.chord(spool)
 *         .member(StatsTasks.COUNT, dataset)     // long count(String)
 *         .member(StatsTasks.SUM, dataset)       // double sum(String)
 *         .callback(StatsTasks.MEAN)             // double mean(long count, double sum)
 *         .start();
 * }</pre>
 *
 * <p>The member whose success completes the set releases the callback, exactly once. A member that
 * fails for good fails the callback (it never runs) with a {@code dev.spool.WorkflowFailed}
 * failure naming the member's job, task and error. Immutable: every method returns a new chord.
 */
public final class Chord {

    private final SpoolCore core;
    private final List<Graph.Node> members;

    Chord(SpoolCore core, List<Graph.Node> members) {
        this.core = core;
        this.members = members;
    }

    /**
     * Adds a member: {@code task} with all its arguments.
     *
     * @throws IllegalArgumentException if the number of arguments does not match the task
     */
    public Chord member(TaskDescriptor<?> task, Object... arguments) {
        Objects.requireNonNull(task, "task");
        String role = "member " + members.size();
        Object[] args = Graph.args(arguments);
        Graph.checkArity(role, task, 0, args);
        List<Graph.Node> next = new ArrayList<>(members);
        next.add(new Graph.Node(role, task, JobOptions.defaults(), args, 0, Graph.SPREAD, -1, members.size()));
        return new Chord(core, List.copyOf(next));
    }

    /** Per-job options for the member added last: queue, delay, retries, timeout, {@code noRetryFor}. */
    public Chord options(JobOptions options) {
        Objects.requireNonNull(options, "options");
        if (members.isEmpty()) {
            throw new IllegalStateException("add a member first");
        }
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported for a chord's members");
        }
        List<Graph.Node> next = new ArrayList<>(members);
        next.set(next.size() - 1, next.get(next.size() - 1).withOptions(options));
        return new Chord(core, List.copyOf(next));
    }

    /**
     * The callback: its first parameters take the members' results, one per member in member order,
     * then {@code boundArguments}.
     *
     * @throws IllegalArgumentException if there are fewer than one member, if a parameter does not
     *     take the matching member's result type, or if the number of bound arguments does not match
     */
    public <R> Plan<R> callback(TaskDescriptor<R> callback, Object... boundArguments) {
        Objects.requireNonNull(callback, "callback");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a chord needs at least one member");
        }
        Object[] bound = Graph.args(boundArguments);
        Graph.checkArity("callback", callback, members.size(), bound);
        for (int i = 0; i < members.size(); i++) {
            TaskDescriptor<?> member = members.get(i).task();
            TaskDescriptor.Parameter p = callback.parameters().get(i);
            if (!Types.fits(member.resultType(), p.type())) {
                throw new IllegalArgumentException("callback " + callback.name() + " cannot take the result of member " + i
                        + " (" + member.name() + "): its parameter " + i + " (" + p.name() + ") is a " + p.type()
                        + ", but " + member.name() + " returns a " + member.resultType());
            }
        }
        int callbackIndex = members.size();
        List<Graph.Node> nodes = new ArrayList<>(members.size() + 1);
        for (Graph.Node m : members) {
            nodes.add(new Graph.Node(m.role(), m.task(), m.options(), m.args(), 0, m.mode(), callbackIndex, m.feedIndex()));
        }
        nodes.add(new Graph.Node("callback", callback, JobOptions.defaults(), bound, members.size(), Graph.SPREAD, -1, 0));
        return new Plan<>(core, List.copyOf(nodes), callback.resultType());
    }
}
