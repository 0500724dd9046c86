package dev.spool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a chain: tasks that run one after another, each step's result becoming the input of
 * the next. Put it on an abstract method of an interface; the processor generates an
 * implementation whose method starts the chain and returns a typed handle to the last step's
 * result. For an interface {@code Albums} it is {@code AlbumsWorkflows}, created with {@code new
 * AlbumsWorkflows(spool)}.
 *
 * <pre>{@code
 * public interface Albums {
 *     @Chain({"Thumbnails.render", "Storage.upload", "Mailer.notify"})
 *     Job<Receipt> renderAndShip(ImageRef image, int size, String email);
 * }
 * }</pre>
 *
 * <p>The first step takes the workflow method's parameters by name. Each later step's first
 * parameter receives the previous step's result; its other parameters are bound by name from the
 * workflow method's parameters. The compiler checks every step name, every binding and every
 * result-to-input type.
 *
 * <p>A step written {@code "#name"} is another {@code @Chain} or {@code @Chord} method of the same
 * interface (declared or inherited, not overloaded), expanded in place: it stands where a task
 * would, with that method's parameters as the task's and {@code R} of its {@code Job<R>} as the
 * result. A method with such a step is started as one DAG, every job of the whole nested shape
 * enqueued together.
 *
 * <pre>{@code
 * public interface Publications {
 *     @Chain({"Thumbnails.render", "#uploadAll", "Mailer.announce"})
 *     Job<String> publish(ImageRef image, int size, List<String> destinations, String email);
 *
 *     @Chord(header = "Storage.uploadTo", callback = "Storage.urls")   // uploadTo(Thumbnail, String)
 *     Job<List<String>> uploadAll(Thumbnail thumbnail, List<String> destinations);
 * }
 * }</pre>
 *
 * <p>As a step after the first, a nested workflow's first parameter receives the previous step's
 * result, and only the jobs that start it may take that value, as their first parameter. A chord
 * over a list in that place cannot fan out over the value, known only once the previous step has
 * run: give it the broadcast form {@code m(T value, List<E> items, ...)}, as {@code uploadAll}
 * above, whose header jobs take the value first and one element of the list second. The
 * outermost workflow's {@link #onFailure()} covers the nested ones, which cannot have their own.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Chain {

    /**
     * The steps, in order; at least two. Each is a task name, or {@code "#name"} for another
     * workflow method of the same interface.
     */
    String[] value();

    /**
     * An error handler: the task that runs, exactly once, when a job of the workflow fails for good.
     * Its first parameter takes a {@code dev.spool.workflow.WorkflowFailure} (the failed job, its
     * task, queue and error); its other parameters bind to the workflow method's parameters by
     * name. Empty for none. Always a task, never a {@code "#name"}.
     */
    String onFailure() default "";
}
