package dev.spool.bench;

import java.util.Locale;

/**
 * One system measured by the comparison rows (9–15), with the same protocol for each: the same
 * Redis, the same no-op jobs, the same clocks (the benchmark's poll of Redis for drains, the
 * server's own {@code INFO cpu} for Redis CPU).
 */
interface Contender {

    /** The name in the table, with its version. */
    String name();

    /**
     * Enqueues {@code jobs} no-op jobs, then starts {@code processes} worker processes with {@code
     * concurrency} each and times them from their start to the last completion.
     *
     * @param keep whether results are kept (Spool's default, BullMQ's default retention) or removed
     *     on success (Spool's {@code keepResults(false)}, BullMQ's {@code removeOnComplete})
     */
    Throughput backlog(int jobs, int processes, int concurrency, boolean keep) throws Exception;

    /** Enqueues {@code jobs} no-op jobs in bulk calls of {@code batch} each (no worker running). */
    Rate bulkEnqueue(int jobs, int batch) throws Exception;

    /** Enqueues one no-op job and waits for its result, {@code jobs} times, with one worker running. */
    Rate awaitedOneAtATime(int jobs) throws Exception;

    /** Enqueues a job every {@code 1/rate} s for {@code seconds}; the worker records enqueue to start. */
    Latency latency(int rate, int seconds) throws Exception;

    /** Redis {@code used_memory} per job after enqueueing {@code jobs} no-op jobs (no worker). */
    double bytesPerWaitingJob(int jobs) throws Exception;

    /**
     * Enqueues {@code workflows} workflows of one callback (parent) waiting for {@code members}
     * no-op members (children), one after another, with one worker running; timed from the first
     * enqueue to the last callback done.
     */
    Rate workflows(int workflows, int members) throws Exception;

    /**
     * A drain's figures.
     *
     * @param rate jobs per second
     * @param redisCpuUs Redis CPU per job (µs)
     * @param workerCpuUs the worker processes' CPU per job (µs)
     * @param commands Redis commands per job, those inside scripts included
     * @param roundTrips script calls and blocking pops per job
     * @param redisBusy Redis CPU over wall-clock time (1 = one core)
     * @param jobs jobs done
     */
    record Throughput(double rate, double redisCpuUs, double workerCpuUs, double commands, double roundTrips,
            double redisBusy, long jobs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s jobs/s, Redis CPU %.1f µs/job (%.0f%% busy), worker CPU %.1f µs/job,"
                    + " %.2f Redis commands/job (%.3f round trips/job)", Log.fmt(rate), redisCpuUs, 100 * redisBusy,
                    workerCpuUs, commands, roundTrips);
        }
    }

    /**
     * A rate with what it cost Redis.
     *
     * @param rate jobs per second
     * @param redisCpuUs Redis CPU per job (µs)
     * @param commands Redis commands per job, those inside scripts included
     */
    record Rate(double rate, double redisCpuUs, double commands) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s jobs/s, Redis CPU %.1f µs/job, %.2f Redis commands/job", Log.fmt(rate),
                    redisCpuUs, commands);
        }
    }

    /**
     * Enqueue-to-start latency percentiles, in ms.
     *
     * @param samples jobs measured
     */
    record Latency(long samples, double p50, double p99, double p999, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d samples, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms", samples, p50,
                    p99, p999, max);
        }
    }
}
