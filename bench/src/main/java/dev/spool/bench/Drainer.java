package dev.spool.bench;

import dev.spool.JobOptions;
import dev.spool.Spool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Times Spool's worker processes through a queue: from their start, with the jobs already waiting
 * (first fetch), to the last completion (ready and active both empty, or {@code target} jobs taken
 * out of a bigger backlog), polled every 1 ms; or, with a producer, while the jobs are enqueued.
 */
final class Drainer {

    private static final long RUN_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final BenchServer server;
    private final List<WorkerProcess> workers;
    private final boolean verbose;

    Drainer(BenchServer server, List<WorkerProcess> workers, boolean verbose) {
        this.server = server;
        this.workers = workers;
        this.verbose = verbose;
    }

    /**
     * Starts {@code nWorkers} workers on {@code ns} and waits until {@code target} jobs are done.
     *
     * @param prefetch the workers' prefetch, or negative for the {@code Worker}'s default
     * @param concurrent whether a producer thread enqueues the {@code target} jobs (bulk, batches of
     *     1,000) while the workers run; otherwise they wait in the queue already
     */
    Contender.Throughput drain(String ns, int nWorkers, int concurrency, boolean keep, int prefetch, int target,
            boolean concurrent) throws Exception {
        for (int i = 0; i < nWorkers; i++) {
            workers.get(i).prepare(ns, concurrency, keep, prefetch);
        }
        BenchServer.Probe probe = SpoolSide.probe(ns);
        long waiting0 = server.llen(SpoolSide.key(ns, "ready"));
        AtomicLong produced = new AtomicLong();
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        CountDownLatch producerDone = new CountDownLatch(concurrent ? 1 : 0);
        Thread producer = concurrent ? producer(ns, target, produced, producerError, producerDone) : null;
        RedisStats before = server.stats();
        long own0 = server.probeCommands();
        long[] cpuBefore = workerCpu(nWorkers);
        long t0 = System.nanoTime();
        for (int i = 0; i < nWorkers; i++) {
            workers.get(i).send("GO");
        }
        if (producer != null) {
            producer.start();
        }
        while (true) {
            long left = server.pending(probe);
            boolean done = concurrent
                    ? producerDone.getCount() == 0 && left == 0
                    : waiting0 - left >= target || left == 0;
            if (done) {
                break;
            }
            if (System.nanoTime() - t0 > RUN_LIMIT_NANOS) {
                throw new IllegalStateException("run did not finish within 10 minutes: " + left + " jobs left");
            }
            LockSupport.parkNanos(1_000_000);
        }
        long t1 = System.nanoTime();
        RedisStats after = server.stats();
        long own = server.probeCommands() - own0;
        long[] cpuAfter = workerCpu(nWorkers);
        for (int i = 0; i < nWorkers; i++) {
            workers.get(i).expect("GOING");
            workers.get(i).call("STOP", "STOPPED");
        }
        if (producer != null) {
            producer.join(60_000);
            if (producerError.get() != null) {
                throw new IllegalStateException("producer failed", producerError.get());
            }
        }
        long jobs = concurrent ? produced.get() : Math.min(target, waiting0);
        double seconds = (t1 - t0) / 1e9;
        long workerCpuNanos = 0;
        for (int i = 0; i < nWorkers; i++) {
            workerCpuNanos += cpuAfter[i] - cpuBefore[i];
        }
        if (verbose) {
            Log.progress(after.perJob(before, "per job", jobs));
        }
        double redisCpu = after.cpuSince(before);
        return new Contender.Throughput(jobs / seconds, redisCpu * 1e6 / jobs, workerCpuNanos / 1e3 / jobs,
                (double) (after.commandsSince(before) - own) / jobs, (double) after.roundTripsSince(before) / jobs,
                redisCpu / seconds, jobs);
    }

    private Thread producer(String ns, int target, AtomicLong produced, AtomicReference<Throwable> error,
            CountDownLatch done) {
        return new Thread(() -> {
            try (Spool spool = Spool.builder().redisUrl(server.url()).namespace(ns).build()) {
                List<Object[]> batch = new ArrayList<>(SpoolSide.BATCH);
                for (int i = 0; i < target; i++) {
                    batch.add(new Object[] {i});
                    if (batch.size() == SpoolSide.BATCH || i == target - 1) {
                        spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
                        produced.addAndGet(batch.size());
                        batch.clear();
                    }
                }
            } catch (Throwable t) {
                error.set(t);
            } finally {
                done.countDown();
            }
        }, "bench-producer");
    }

    private long[] workerCpu(int n) {
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            cpu[i] = workers.get(i).cpuNanos();
        }
        return cpu;
    }
}
