package dev.spool.worker;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The worker command's flags for the {@link Worker.Builder} settings that have no flag of their
 * own in {@link WorkerCommand}: one flag per setting, each left at the builder's default unless
 * given, so the generated worker main runs with the same defaults as {@code Worker.builder(spool)}.
 */
final class WorkerSettings {

    @Option(names = "--prefetch", paramLabel = "N",
            description = "leased jobs that may wait for a free task thread (default: the concurrency;"
                    + " 0 for a worker that runs a task with a concurrency key)")
    Integer prefetch;

    @Option(names = "--reservation", paramLabel = "DURATION", converter = WorkerCommand.DurationConverter.class,
            description = "how long a fetched job is leased until it starts; capped at the lease (default: 5s)")
    Duration reservation;

    @Option(names = "--lease", paramLabel = "DURATION", converter = WorkerCommand.DurationConverter.class,
            description = "how long a running job stays leased without renewal (default: 30s)")
    Duration lease;

    @Option(names = "--maintenance-interval", paramLabel = "DURATION", converter = WorkerCommand.DurationConverter.class,
            description = "how often due jobs are promoted and expired leases recovered (default: 1s)")
    Duration maintenanceInterval;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", converter = WorkerCommand.DurationConverter.class,
            description = "backoff before the first retry, doubled for each further one (default: 1s)")
    Duration retryBackoff;

    @Option(names = "--reclaim-limit", paramLabel = "N",
            description = "lease expiries a job survives before it fails for good (default: 5)")
    Integer reclaimLimit;

    @Option(names = "--keep-results", paramLabel = "true|false", arity = "1",
            description = "whether succeeded jobs keep their record and result (default: true)")
    Boolean keepResults;

    @Option(names = "--max-stuck-threads", paramLabel = "N",
            description = "task threads that may ignore a timeout's interrupt before the worker stops fetching"
                    + " and exits with code 3 (default: the concurrency)")
    Integer maxStuckThreads;

    @Option(names = "--virtual-threads",
            description = "run each job on a virtual thread; needs Java 21 or newer (default: platform threads)")
    boolean virtualThreads;

    @Option(names = "--worker-id", paramLabel = "ID",
            description = "this worker's id in job histories and logs (default: worker-<n>-<pid>@<host>)")
    String workerId;

    /** Applies the flags given; a value the builder refuses throws its {@link IllegalArgumentException}. */
    void applyTo(Worker.Builder builder) {
        if (prefetch != null) {
            builder.prefetch(prefetch);
        }
        if (lease != null) {
            builder.leaseDuration(lease);
        }
        if (reservation != null) {
            builder.reservation(reservation);
        }
        if (maintenanceInterval != null) {
            builder.maintenanceInterval(maintenanceInterval);
        }
        if (retryBackoff != null) {
            builder.retryBackoff(retryBackoff);
        }
        if (reclaimLimit != null) {
            builder.reclaimLimit(reclaimLimit);
        }
        if (keepResults != null) {
            builder.keepResults(keepResults);
        }
        if (maxStuckThreads != null) {
            builder.maxStuckThreads(maxStuckThreads);
        }
        if (virtualThreads) {
            builder.virtualThreads(true);
        }
        if (workerId != null) {
            builder.workerId(workerId);
        }
    }
}
