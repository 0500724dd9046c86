package dev.spool.worker;

import dev.spool.JobContext;
import org.slf4j.MDC;

/**
 * Puts the job being run into SLF4J's {@link MDC} for the length of the run, under {@code
 * spool.job}, {@code spool.task}, {@code spool.queue} and {@code spool.attempt}, so every line a
 * task logs can show which job wrote it (for example {@code %X{spool.job}} in a Logback pattern).
 * Every worker has it as its outermost interceptor.
 */
public final class LoggingContext implements JobInterceptor {

    /** MDC key of the job id. */
    public static final String JOB = "spool.job";
    /** MDC key of the task name. */
    public static final String TASK = "spool.task";
    /** MDC key of the queue. */
    public static final String QUEUE = "spool.queue";
    /** MDC key of the attempt, from 1. */
    public static final String ATTEMPT = "spool.attempt";

    @Override
    public Object intercept(JobContext job, Invocation next) throws Exception {
        MDC.put(JOB, job.id());
        MDC.put(TASK, job.task());
        MDC.put(QUEUE, job.queue());
        MDC.put(ATTEMPT, Integer.toString(job.attempt()));
        try {
            return next.proceed();
        } finally {
            MDC.remove(JOB);
            MDC.remove(TASK);
            MDC.remove(QUEUE);
            MDC.remove(ATTEMPT);
        }
    }
}
