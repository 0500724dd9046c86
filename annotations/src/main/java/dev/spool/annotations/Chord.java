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
 * <p>The member that brings the chord's remaining count to zero enqueues the callback, once. A
 * member that fails for good fails the chord; the callback does not run.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Chord {

    /** The task fanned out over the workflow's list parameter; empty when {@link #members()} is used. */
    String header() default "";

    /** Two or more different tasks run side by side; empty when {@link #header()} is used. */
    String[] members() default {};

    /** The task that receives all results once every member has succeeded. */
    String callback();

    /**
     * An error handler: the task that runs, exactly once, when a job of the workflow fails for good.
     * Its first parameter takes a {@code dev.spool.workflow.WorkflowFailure} (the failed job, its
     * task, queue and error); its other parameters bind to the workflow method's parameters by
     * name. Empty for none.
     */
    String onFailure() default "";
}
