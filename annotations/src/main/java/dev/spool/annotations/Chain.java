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
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Chain {

    /** The task names of the steps, in order; at least two. */
    String[] value();

    /**
     * An error handler: the task that runs, exactly once, when a job of the workflow fails for good.
     * Its first parameter takes a {@code dev.spool.workflow.WorkflowFailure} (the failed job, its
     * task, queue and error); its other parameters bind to the workflow method's parameters by
     * name. Empty for none.
     */
    String onFailure() default "";
}
