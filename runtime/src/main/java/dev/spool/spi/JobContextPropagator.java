package dev.spool.spi;

import java.util.Map;

/**
 * Carries context from the thread that enqueues a job to every run of that job, the way a
 * message header carries a trace: {@code spool-opentelemetry} uses it for the W3C {@code
 * traceparent}. The runtime knows nothing of what the entries mean.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (a line in {@code
 * META-INF/services/dev.spool.spi.JobContextPropagator}) when a {@link dev.spool.Spool} client is
 * built. For each job the client enqueues, {@link #inject} is called once, on the enqueueing
 * thread, after the job's id is chosen and before anything is written; the entries it returns are
 * packed into the job's payload as extension lines {@code cx:<name>=<value>} (see {@code
 * docs/redis-keys.md}) and a worker hands them to its interceptors as {@link
 * dev.spool.JobContext#propagated()}.
 *
 * <p>Names are 1 to 64 characters of {@code a-z 0-9 . _ -}, values at most 1,024 characters
 * without line breaks; an entry that breaks these rules is left out (and logged), and a
 * propagator that throws carries nothing for that job: context propagation never fails an enqueue.
 */
public interface JobContextPropagator {

    /**
     * The entries to carry with one job.
     *
     * @param job the job being enqueued
     * @return the entries, in the order they should be packed; empty for none
     */
    Map<String, String> inject(Outgoing job);

    /**
     * A job being enqueued.
     *
     * @param id its id
     * @param queue the queue it goes to
     * @param task its task name
     */
    record Outgoing(String id, String queue, String task) {}
}
