package dev.spool.bench;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spool as measured by the benchmark: clients in this JVM that enqueue through the generated stub
 * {@code BenchTasksTasks} (and its descriptors), and worker JVMs ({@link WorkerProcess}) that run
 * the jobs through the generated dispatch table. The comparison rows use the {@code Worker}'s
 * defaults with only the concurrency (and for "results removed" {@code keepResults(false)}) set.
 */
final class SpoolSide implements Contender, AutoCloseable {

    static final String QUEUE = "bench";
    static final int BATCH = 1000;

    private final BenchServer server;
    private final BenchOptions options;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final Drainer drainer;

    SpoolSide(BenchServer server, BenchOptions options) {
        this.server = server;
        this.options = options;
        this.drainer = new Drainer(server, workers, options.verbose());
    }

    @Override
    public String name() {
        return "Spool (Worker defaults)";
    }

    BenchServer server() {
        return server;
    }

    Drainer drainer() {
        return drainer;
    }

    Spool client(String ns) {
        return Spool.builder().redisUrl(server.url()).namespace(ns).build();
    }

    /** Empties the server and returns a namespace of its own for the next measurement. */
    String freshNamespace() {
        server.flush();
        return LocalRedis.freshNamespace("bench");
    }

    static String key(String ns, String type) {
        return ns + ":{" + ns + ":" + QUEUE + "}:" + type;
    }

    /** The queue's ready list and active set: empty once every plain job is done. */
    static BenchServer.Probe probe(String ns) {
        return new BenchServer.Probe(List.of(key(ns, "ready")), List.of(key(ns, "active")));
    }

    long waiting(String ns) {
        return server.llen(key(ns, "ready"));
    }

    void waitEmpty(String ns) {
        server.waitEmpty(probe(ns), 2);
    }

    WorkerProcess worker(int i) {
        return workers.get(i);
    }

    /** Enqueues {@code jobs} no-op jobs with the bulk API, through the generated descriptor. */
    void fill(String ns, int jobs) {
        try (Spool spool = client(ns)) {
            for (List<Object[]> batch : batches(0, jobs)) {
                spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
            }
        }
    }

    static List<List<Object[]>> batches(int from, int jobs) {
        List<List<Object[]>> batches = new ArrayList<>();
        List<Object[]> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < jobs; i++) {
            batch.add(new Object[] {from + i});
            if (batch.size() == BATCH) {
                batches.add(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** Starts worker processes until there are {@code n}; each new one is warmed up before it is measured. */
    void ensureWorkers(int n) throws Exception {
        while (workers.size() < n) {
            WorkerProcess w = new WorkerProcess(workers.size() + 1, server.url());
            workers.add(w);
            int rounds = workers.size() == 1 ? 2 : 1; // the first worker's JIT settles over two drains
            for (int round = 0; round < rounds; round++) {
                String ns = freshNamespace();
                fill(ns, options.sizes().warmUpJobs());
                w.prepare(ns, 16, true);
                w.call("GO", "GOING");
                waitEmpty(ns);
                w.call("STOP", "STOPPED");
            }
            server.flush();
        }
    }

    /** Warms up this JVM's client paths: stub calls, bulk enqueue, awaits and chords. */
    void warmUpClient() throws Exception {
        String ns = freshNamespace();
        try (Spool spool = client(ns)) {
            BenchTasksTasks tasks = new BenchTasksTasks(spool);
            for (int i = 0; i < Math.min(5_000, options.sizes().warmUpJobs()); i++) {
                tasks.noop(i);
            }
        }
        server.flush();
    }

    @Override
    public Throughput backlog(int jobs, int processes, int concurrency, boolean keep) throws Exception {
        ensureWorkers(processes);
        String ns = freshNamespace();
        fill(ns, jobs);
        return drainer.drain(ns, processes, concurrency, keep, -1, jobs, false);
    }

    /** {@link #bulkEnqueue} through {@code Spool.enqueueAll}, batches of {@code batch}. */
    @Override
    public Rate bulkEnqueue(int jobs, int batch) throws Exception {
        fill(freshNamespace(), Math.min(jobs, 5_000)); // warm-up, not counted
        String ns = freshNamespace();
        List<List<Object[]>> batches = batches(0, jobs);
        try (Spool spool = client(ns)) {
            RedisStats before = server.stats();
            long own0 = server.probeCommands();
            long t0 = System.nanoTime();
            for (List<Object[]> b : batches) {
                List<Job<Integer>> handles = spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), b);
                if (handles.size() != b.size()) {
                    throw new IllegalStateException("enqueueAll returned " + handles.size() + " handles");
                }
            }
            long t1 = System.nanoTime();
            RedisStats after = server.stats();
            return new Rate(jobs / ((t1 - t0) / 1e9), after.cpuSince(before) * 1e6 / jobs,
                    (double) (after.commandsSince(before) - (server.probeCommands() - own0)) / jobs);
        } finally {
            server.flush();
        }
    }

    /** The stub's call, then {@code Job.await}, one job at a time; one worker, concurrency 16. */
    @Override
    public Rate awaitedOneAtATime(int jobs) throws Exception {
        ensureWorkers(1);
        String ns = freshNamespace();
        WorkerProcess w = workers.get(0);
        w.prepare(ns, 16, true);
        w.call("GO", "GOING");
        try (Spool spool = client(ns)) {
            BenchTasksTasks tasks = new BenchTasksTasks(spool);
            for (int i = 0; i < Math.min(200, jobs); i++) { // warm-up, not counted
                tasks.noop(i).await(Duration.ofSeconds(30));
            }
            RedisStats before = server.stats();
            long own0 = server.probeCommands();
            long t0 = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                Integer r = tasks.noop(i).await(Duration.ofSeconds(30));
                if (r != i) {
                    throw new IllegalStateException("job " + i + " returned " + r);
                }
            }
            long t1 = System.nanoTime();
            RedisStats after = server.stats();
            return new Rate(jobs / ((t1 - t0) / 1e9), after.cpuSince(before) * 1e6 / jobs,
                    (double) (after.commandsSince(before) - (server.probeCommands() - own0)) / jobs);
        } finally {
            w.call("STOP", "STOPPED");
            server.flush();
        }
    }

    /** One worker, concurrency 16; the stub's {@code stamp} job carries its enqueue time. */
    @Override
    public Latency latency(int rate, int seconds) throws Exception {
        return latency(rate, seconds, -1);
    }

    /** The same with a prefetch of the worker's, or the {@code Worker}'s default when negative. */
    Latency latency(int rate, int seconds, int prefetch) throws Exception {
        ensureWorkers(1);
        String ns = freshNamespace();
        WorkerProcess w = workers.get(0);
        w.prepare(ns, 16, true, prefetch);
        w.call("GO", "GOING");
        try (Spool spool = client(ns)) {
            BenchTasksTasks tasks = new BenchTasksTasks(spool);
            paced(tasks, rate, Math.max(100, rate / 2)); // warm-up, not recorded
            waitEmpty(ns);
            w.call("RESET", "RESET");
            paced(tasks, rate, rate * seconds);
            waitEmpty(ns);
        }
        String[] lat = w.latencies();
        w.call("STOP", "STOPPED");
        server.flush();
        return new Latency(Long.parseLong(lat[1]), Long.parseLong(lat[2]) / 1000.0, Long.parseLong(lat[3]) / 1000.0,
                Long.parseLong(lat[4]) / 1000.0, Long.parseLong(lat[5]) / 1000.0);
    }

    private static void paced(BenchTasksTasks tasks, int rate, int jobs) {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 5_000_000;
        for (int i = 0; i < jobs; i++) {
            long target = start + i * period;
            for (int spin = 0; spin < 10_000_000; spin++) {
                long d = target - System.nanoTime();
                if (d <= 0) {
                    break;
                }
                if (d > 300_000) {
                    LockSupport.parkNanos(d - 200_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            tasks.stamp(BenchTasks.nowMicros());
        }
    }

    @Override
    public double bytesPerWaitingJob(int jobs) throws Exception {
        String ns = freshNamespace();
        long m0 = server.usedMemory();
        fill(ns, jobs);
        long m1 = server.usedMemory();
        server.flush();
        return (double) (m1 - m0) / jobs;
    }

    /**
     * Chords of {@code members} no-op members and the {@code chordDone} callback, started one after
     * another while one worker (concurrency 16) runs them; done when the queue's ready list,
     * active set and workflow outbox are empty and every callback has run.
     */
    @Override
    public Rate workflows(int workflows, int members) throws Exception {
        ensureWorkers(1);
        String ns = freshNamespace();
        WorkerProcess w = workers.get(0);
        w.prepare(ns, 16, true);
        w.call("GO", "GOING");
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            inputs.add(i);
        }
        BenchServer.Probe probe = new BenchServer.Probe(List.of(key(ns, "ready")),
                List.of(key(ns, "active"), key(ns, "flows")));
        try (Spool spool = client(ns)) {
            for (int f = 0; f < Math.min(50, workflows); f++) { // warm-up, not counted
                Workflow.chordOver(spool, BenchTasksTasks.NOOP, inputs, x -> new Object[] {x})
                        .callback(BenchTasksTasks.CHORD_DONE, BenchTasks.nowMicros()).start();
            }
            awaitCallbacks(w, probe, Math.min(50, workflows));
            w.call("RESET", "RESET");
            RedisStats before = server.stats();
            long own0 = server.probeCommands();
            long t0 = System.nanoTime();
            for (int f = 0; f < workflows; f++) {
                Workflow.chordOver(spool, BenchTasksTasks.NOOP, inputs, x -> new Object[] {x})
                        .callback(BenchTasksTasks.CHORD_DONE, BenchTasks.nowMicros()).start();
            }
            awaitCallbacks(w, probe, workflows);
            long t1 = System.nanoTime();
            RedisStats after = server.stats();
            long jobs = (long) workflows * (members + 1);
            return new Rate(jobs / ((t1 - t0) / 1e9), after.cpuSince(before) * 1e6 / jobs,
                    (double) (after.commandsSince(before) - (server.probeCommands() - own0)) / jobs);
        } finally {
            w.call("STOP", "STOPPED");
            server.flush();
        }
    }

    /** Waits until {@code probe} reads empty and the worker ran {@code callbacks} stamped callbacks. */
    void awaitCallbacks(WorkerProcess w, BenchServer.Probe probe, int callbacks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (server.pending(probe) > 0 || Long.parseLong(w.latencies()[1]) < callbacks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the workflows did not finish within 5 minutes");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }
}
