package dev.spool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a chord: a group of jobs that run in parallel, then one callback that receives all of
 * their results. Put it on an abstract method of an interface; the processor generates an
 * implementation whose method starts the chord and returns a typed handle to the callback's
 * result. For an interface {@code Albums} it is {@code AlbumsWorkflows}, created with {@code new
 * AlbumsWorkflows(spool)}.
 *
 * <p>Two shapes:
 *
 * <ul>
 *   <li>Fan-out over a list: {@link #header()} names one task, run once for each element of the
 *       workflow method's first parameter, a {@code List}; the callback's first parameter takes a
 *       {@code List} of the header's results, in input order.
 *   <li>Different tasks side by side: {@link #members()} names two or more tasks; the callback
 *       takes each member's result as its own parameter, in the order the members are listed.
 * </ul>
 *
 * <pre>{@code
 * public interface Albums {
 *     @Chord(header = "Thumbnails.render", callback = "Thumbnails.publish")
 *     Job<Album> album(List<ImageRef> images, int size);
 *
 *     @Chord(members = {"Stats.count", "Stats.sum"}, callback = "Stats.mean")
 *     Job<Double> mean(String dataset);
 * }
 * }</pre>
 *
 * <p>With a header, a workflow method whose first parameter is not a list and whose second is,
 * {@code m(T value, List<E> items, ...)}, has the broadcast form: the header is fanned out over
 * {@code items}, each job taking {@code value} first and one element second.
 *
 * <p>The member that brings the chord's remaining count to zero enqueues the callback, once. A
 * member that fails for good fails the chord; the callback does not run.
 *
 * <p>The header, a member or the callback written {@code "#name"} is another {@code @Chain} or
 * {@code @Chord} method of the same interface (declared or inherited, not overloaded), expanded in
 * place: it stands where a task would, with that method's parameters as the task's and {@code R}
 * of its {@code Job<R>} as the result. {@code @Chord(header = "#shard", callback = "Scores.collect")}
 * runs the workflow method {@code shard}, a chain say, once per element; the whole nested shape is
 * started as one DAG, its jobs enqueued together. See {@link Chain} for the rules of a nested
 * workflow's parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Chord {

    /**
     * The task (or {@code "#name"} workflow method) fanned out over the workflow's list parameter;
     * empty when {@link #members()} is used.
     */
    String header() default "";

    /**
     * Two or more different tasks (or {@code "#name"} workflow methods) run side by side; empty when
     * {@link #header()} is used.
     */
    String[] members() default {};

    /**
     * The task (or {@code "#name"} workflow method) that receives all results once every member has
     * succeeded.
     */
    String callback();

    /**
     * An error handler: the task that runs, exactly once, when a job of the workflow fails for good.
     * Its first parameter takes a {@code dev.spool.workflow.WorkflowFailure} (the failed job, its
     * task, queue and error); its other parameters bind to the workflow method's parameters by
     * name. Empty for none. Always a task, never a {@code "#name"}; it also covers the workflows
     * nested in this one.
     */
    String onFailure() default "";
}
