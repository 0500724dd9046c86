package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import java.time.Duration;
import java.util.List;

/**
 * A worker's settings, fixed when {@link Worker.Builder#build()} validates them; every part reads
 * what it needs from here.
 *
 * @param core the client's internals
 * @param name the worker's id in job histories and logs
 * @param queues the queues it fetches from, highest priority first
 * @param concurrency how many jobs run at once
 * @param prefetch how many leased jobs may wait for a free task thread
 * @param leaseDuration how long a lease lasts without renewal
 * @param reservation how long a fetched job is leased until it starts (at most the lease); a
 *     buffered job that has not started within a third of it is handed back
 * @param maintenanceInterval how often due jobs are promoted and expired leases recovered
 * @param shutdownGrace how long a graceful stop waits for running jobs
 * @param retryBackoff the backoff before the first retry
 * @param reclaimLimit how many lease expiries a job survives
 * @param keepResults whether successful jobs keep their record and result
 * @param maxStuckThreads how many task threads may ignore a timeout's interrupt before the worker
 *     stops fetching and reports itself unhealthy
 * @param interceptors the job interceptors, outermost first
 * @param listeners what hears how runs ended
 * @param virtualThreads whether tasks run on virtual threads (Java 21+)
 * @param queueOrder the order in which a fetch asks the queues: strict or weighted
 */
record WorkerConfig(SpoolCore core, String name, List<QueueKeys> queues, int concurrency, int prefetch,
        Duration leaseDuration, Duration reservation, Duration maintenanceInterval, Duration shutdownGrace, Duration retryBackoff,
        int reclaimLimit, boolean keepResults, int maxStuckThreads, List<JobInterceptor> interceptors,
        Listeners listeners, boolean virtualThreads, QueueOrder queueOrder) {

    /** Jobs this worker may hold at once: running, waiting in the local buffer, or finished but not yet written. */
    int limit() {
        return concurrency + prefetch;
    }

    /** How long after its fetch a job that has not started yet is handed back instead of started (nanos). */
    long startWithinNanos() {
        return reservation.toNanos() / 3;
    }

    /** The TTL of recorded results, in seconds. */
    long resultTtlSeconds() {
        return core.resultTtl().toSeconds();
    }
}
