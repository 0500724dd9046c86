package dev.spool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a Spool task: a unit of work that runs later, on a worker, from a job on a
 * Redis queue.
 *
 * <p>For every class with {@code @Task} methods, Spool's annotation processor generates a typed
 * stub ({@code ThumbnailsTasks} for {@code Thumbnails}) whose methods enqueue a job and return a
 * typed {@code Job<R>}, and a dispatch table that lets a worker run the method with no reflection.
 *
 * <pre>{@code
 * public class Thumbnails {
 *     @Task(queue = "images", retries = 3, timeout = "30s")
 *     public Thumbnail render(ImageRef image, int size) { ... }
 * }
 * }</pre>
 *
 * <p>The processor rejects, with a compile error at the method: a private, abstract or generic
 * method; a parameter or return type that JSON cannot carry faithfully; two tasks with one name;
 * an invalid queue name or timeout. See the README for the full list.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Task {

    /**
     * The task's name, unique among all tasks that run against one Spool namespace. Defaults to
     * {@code SimpleClassName.methodName} (for a nested class, {@code Outer.Inner.methodName}).
     * Workflows ({@link Chain}, {@link Chord}) refer to tasks by this name.
     */
    String name() default "";

    /**
     * The queue that jobs of this task go to unless a call overrides it. Letters, digits,
     * {@code - _ .}, at most 64 characters.
     */
    String queue() default "default";

    /** How many times a failed job is tried again before it fails for good. */
    int retries() default 0;

    /**
     * Exception types a retry cannot fix: when the task throws one of them (or a subclass, or an
     * exception caused by one), the job fails for good at once, whatever retries it has left.
     */
    Class<? extends Throwable>[] noRetryFor() default {};

    /**
     * How long one run may take before it is interrupted and counts as failed; empty for no
     * limit. Written as a number and a unit ({@code "500ms"}, {@code "30s"}, {@code "5m"},
     * {@code "2h"}) or as an ISO-8601 duration ({@code "PT30S"}).
     */
    String timeout() default "";

    /**
     * Makes the task's jobs unique by their arguments: while a job with the same arguments holds
     * the key (see {@link Unique}), enqueueing returns that job's handle instead of adding one.
     */
    Unique unique() default Unique.NONE;

    /**
     * How long the key is held for {@link Unique#FOR_PERIOD}, written as {@link #timeout()} is
     * ({@code "10m"}); required with it, and only with it.
     */
    String uniqueFor() default "";

    /**
     * How long after it is due a job may still start; a worker that fetches it later discards it
     * unrun (status {@code EXPIRED}), as Celery's {@code expires} does. Empty for no limit; written
     * like {@link #timeout()}. A call's {@code JobOptions.expiresIn} replaces it.
     */
    String expires() default "";

    /**
     * The name of a parameter whose value limits how many of this task's jobs run at once: at most
     * {@link #maxConcurrent()} jobs with the same value run at a time across all workers (Sidekiq
     * Enterprise's limiters, BullMQ Pro's groups). Jobs of other values are not held behind them.
     * The parameter must be a {@code String}, a number, an enum or a {@code UUID}. Empty for no limit.
     *
     * <pre>{@code
     * @Task(concurrencyKey = "customerId", maxConcurrent = 1)
     * public void sync(String customerId, int page) { ... }
     * }</pre>
     */
    String concurrencyKey() default "";

    /**
     * How many jobs with the same {@link #concurrencyKey()} value may run at once, from 1 to 1000;
     * only with a {@code concurrencyKey}.
     */
    int maxConcurrent() default 1;

    /**
     * The priority level of this task's jobs inside their queue, from -5 (lowest) to 5 (highest);
     * 0 is the default level, the one of jobs without a priority. A worker takes the jobs of the
     * highest level first, and within a level the oldest first. A call's {@code
     * JobOptions.priority} replaces it. A value out of range is a compile error.
     *
     * <pre>{@code
     * @Task(queue = "mail", priority = 3)
     * public void passwordReset(String address) { ... }
     * }</pre>
     */
    int priority() default 0;
}
