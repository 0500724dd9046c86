package dev.spool.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link Task} method without parameters on a cron schedule. Every worker that serves the
 * task's queue takes part and each tick fires exactly once across all of them: the decision is one
 * atomic step in Redis, so there is no leader or scheduler process to keep alive.
 *
 * <pre>{@code
 * @Task(queue = "reports")
 * @Periodic(cron = "0 0 6 * * MON-FRI", zone = "Europe/Paris")
 * public void dailyDigest() { ... }
 * }</pre>
 *
 * <p>The processor rejects, with a compile error at the element: {@code @Periodic} without
 * {@code @Task}, on a method with parameters, a cron expression that does not parse, an unknown
 * zone. The schedule's name is the task's name; the workers register it when they start.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Periodic {

    /**
     * The cron expression: six fields with seconds first ({@code "0 *&#47;5 * * * *"}: every five
     * minutes) or the classic five without seconds ({@code "*&#47;5 * * * *"}). Ranges, lists,
     * steps, month and day names are allowed, as in Spring's {@code @Scheduled}.
     */
    String cron();

    /** The time zone the expression is read in (an IANA id such as {@code "Europe/Paris"}). */
    String zone() default "UTC";

    /** What to do with ticks missed while no worker ran. */
    MissedTicks missed() default MissedTicks.FIRE_ONCE;
}
