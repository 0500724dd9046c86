package dev.spool.bench;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Spool's benchmark: end-to-end throughput, enqueue rates, latency, memory, scaling and the Redis
 * ceiling, against a Redis server of its own on a free loopback port ({@code /usr/bin/redis-server}
 * without persistence, else the embedded 6.2 server). Jobs are enqueued through the generated stubs
 * ({@code BenchTasksTasks}) and run by separate worker JVMs ({@link BenchWorker}) through the
 * generated dispatch table.
 *
 * <pre>
 * ./mvnw -q -B -Pbench -DskipTests verify -pl bench -am                     full run (3 runs per row)
 * ./mvnw -q -B -Pbench -DskipTests verify -pl bench -am -Dbench.args=quick  quick run (1 run, small sizes)
 * java -cp ... dev.spool.bench.Bench [quick|full] [--runs N] [--rows 1,3,8]
 * </pre>
 */
public final class Bench {

    private static final String QUEUE = "bench";
    private static final int BATCH = 1000;
    private static final long RUN_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private static boolean quick;
    private static boolean verbose;
    private static int runs = 3;
    private static Set<Integer> rowsWanted = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
    private static Process serverProcess;
    private static OwnedRedis embedded;
    private static int port;
    private static String url;
    private static Jedis admin;
    private static final List<WorkerProc> workers = new ArrayList<>();
    private static final List<String[]> table = new ArrayList<>();
    private static final List<String> notes = new ArrayList<>();
    private static double cmdsPerJob = Double.NaN;
    private static double bestEndToEnd = Double.NaN;
    /** The workers' prefetch for the next rows when not negative; otherwise BenchWorker's (= concurrency). */
    private static int prefetchOverride = -1;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            String a = args[i].trim();
            switch (a) {
                case "", "full", "--full" -> { }
                case "quick", "--quick" -> quick = true;
                case "--verbose" -> verbose = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--rows" -> {
                    rowsWanted = new LinkedHashSet<>();
                    for (String r : args[++i].split(",")) {
                        rowsWanted.add(Integer.parseInt(r.trim()));
                    }
                }
                default -> {
                    System.err.println("usage: Bench [quick|full] [--runs N] [--rows 1,2,...]");
                    System.exit(2);
                }
            }
        }
        if (quick && !List.of(args).contains("--runs")) {
            runs = 1;
        }
        try {
            run();
        } finally {
            shutdown();
        }
    }

    private static void run() throws Exception {
        startServer();
        String machine = machine();
        progress("machine: " + machine);
        progress("mode: " + (quick ? "quick" : "full") + ", " + runs + " run(s) per row");
        int e2eJobs = quick ? 20_000 : 100_000;
        ensureWorkers(1);
        warmUp(quick ? 10_000 : 40_000);

        if (rowsWanted.contains(1)) {
            for (int c : new int[] {16, 64}) {
                for (boolean keep : new boolean[] {true, false}) {
                    e2eRow("1. end to end, " + fmt(e2eJobs) + " queued first, 1 worker, concurrency " + c
                            + (keep ? ", results kept" : ", results discarded"), 1, c, keep, e2eJobs, false, 0);
                }
            }
            prefetchOverride = 0;
            e2eRow("1. end to end, " + fmt(e2eJobs) + " queued first, 1 worker, concurrency 16, results kept, prefetch 0"
                    + " (Worker's default)", 1, 16, true, e2eJobs, false, 0);
            prefetchOverride = -1;
        }
        if (rowsWanted.contains(2)) {
            for (int c : new int[] {16, 64}) {
                e2eRow("2. end to end while enqueuing (bulk, 1 producer thread), concurrency " + c + ", results kept",
                        1, c, true, e2eJobs, true, 0);
            }
        }
        if (rowsWanted.contains(3)) {
            enqueueRows(quick ? 5_000 : 30_000, quick ? 20_000 : 100_000, quick ? 20_000 : 100_000);
        }
        if (rowsWanted.contains(4)) {
            latencyRow(200, quick ? 5 : 20);
            latencyRow(1000, quick ? 3 : 10);
        }
        if (rowsWanted.contains(5)) {
            chordRow(1000);
        }
        if (rowsWanted.contains(6)) {
            memoryRow(quick ? 20_000 : 100_000);
        }
        if (rowsWanted.contains(7)) {
            e2eRow("7. scaling: 10,000 waiting, drained, 1 worker, concurrency 16", 1, 16, true, 10_000, false, 0);
            if (quick) {
                addRow("7. scaling: 1,000,000 waiting, first 100,000 run", "skipped (quick mode)", "", "", "", "");
            } else {
                e2eRow("7. scaling: 1,000,000 waiting, first 100,000 run, 1 worker, concurrency 16",
                        1, 16, true, 100_000, false, 1_000_000);
            }
            for (int n : new int[] {1, 2, 4}) {
                ensureWorkers(n);
                e2eRow("7. scaling: " + n + " worker process(es), concurrency 16 each, " + fmt(e2eJobs) + " queued",
                        n, 16, true, e2eJobs, false, 0);
            }
        }
        if (rowsWanted.contains(8)) {
            ceilingRows();
        }
        printTable(machine);
    }

    // ---- end to end ----------------------------------------------------------------------------

    private record Drain(double rate, double redisCpuUs, double workerCpuUs, double cmds, double calls, long jobs) {}

    private static void e2eRow(String name, int nWorkers, int concurrency, boolean keep, int jobs, boolean concurrent,
            int backlog) throws Exception {
        List<Double> rate = new ArrayList<>();
        List<Double> redisCpu = new ArrayList<>();
        List<Double> workerCpu = new ArrayList<>();
        List<Double> cmds = new ArrayList<>();
        List<Double> calls = new ArrayList<>();
        String ns = null;
        for (int r = 1; r <= runs; r++) {
            Drain d;
            if (backlog > 0) {
                // one namespace for every run: fill once, then top up what the previous run took
                if (ns == null) {
                    flush();
                    ns = LocalRedis.freshNamespace("bench");
                    progress(name + ": filling " + fmt(backlog) + " jobs");
                    fill(ns, backlog);
                } else {
                    long missing = backlog - llen(ns);
                    fill(ns, (int) Math.max(0, missing));
                }
                d = drain(ns, nWorkers, concurrency, keep, jobs, false);
            } else {
                flush();
                String fresh = LocalRedis.freshNamespace("bench");
                if (!concurrent) {
                    fill(fresh, jobs);
                }
                d = drain(fresh, nWorkers, concurrency, keep, jobs, concurrent);
            }
            rate.add(d.rate);
            redisCpu.add(d.redisCpuUs);
            workerCpu.add(d.workerCpuUs);
            cmds.add(d.cmds);
            calls.add(d.calls);
            progress(String.format(Locale.ROOT, "%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job, worker CPU %.1f µs/job,"
                    + " %.2f Redis commands/job (%.3f calls/job), load %s", name, r, runs, fmt(d.rate), d.redisCpuUs,
                    d.workerCpuUs, d.cmds, d.calls, load()));
        }
        if (name.startsWith("1.") && concurrency == 16 && keep && prefetchOverride < 0) {
            cmdsPerJob = Stat.of(cmds).median();
            bestEndToEnd = Stat.of(rate).median();
        }
        addRow(name, Stat.of(rate).show("%,.0f") + " jobs/s", Stat.of(redisCpu).show("%.1f"),
                Stat.of(workerCpu).show("%.1f"), Stat.of(cmds).show("%.2f") + " (" + Stat.of(calls).show("%.3f") + ")",
                load());
    }

    /**
     * Starts the workers on {@code ns} and waits until {@code target} jobs are done: from the first
     * fetch (the workers start with jobs waiting) to the last completion (ready and active empty, or
     * {@code target} jobs taken out of a bigger backlog).
     */
    private static Drain drain(String ns, int nWorkers, int concurrency, boolean keep, int target, boolean concurrent)
            throws Exception {
        String ready = key(ns, "ready");
        String active = key(ns, "active");
        for (int i = 0; i < nWorkers; i++) {
            workers.get(i).call("PREPARE " + ns + " " + concurrency + " " + (keep ? "keep" : "discard")
                    + (prefetchOverride >= 0 ? " " + prefetchOverride : ""), "PREPARED");
        }
        long waiting0 = llen(ns);
        AtomicLong produced = new AtomicLong();
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        CountDownLatch producerDone = new CountDownLatch(concurrent ? 1 : 0);
        Thread producer = null;
        if (concurrent) {
            producer = new Thread(() -> {
                try (Spool spool = client(ns)) {
                    List<Object[]> batch = new ArrayList<>(BATCH);
                    for (int i = 0; i < target; i++) {
                        batch.add(new Object[] {i});
                        if (batch.size() == BATCH || i == target - 1) {
                            spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
                            produced.addAndGet(batch.size());
                            batch.clear();
                        }
                    }
                } catch (Throwable t) {
                    producerError.set(t);
                } finally {
                    producerDone.countDown();
                }
            }, "bench-producer");
        }
        Snap before = snap();
        long[] cpuBefore = workerCpu(nWorkers);
        long t0 = System.nanoTime();
        for (int i = 0; i < nWorkers; i++) {
            workers.get(i).send("GO");
        }
        if (producer != null) {
            producer.start();
        }
        long polls = 0;
        while (true) {
            Pipeline p = admin.pipelined();
            Response<Long> l = p.llen(ready);
            Response<Long> z = p.zcard(active);
            p.sync();
            polls++;
            long left = l.get() + z.get();
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
        Snap after = snap();
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
        Map<String, Long> delta = after.minus(before);
        long total = 0;
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            if (!e.getKey().equals("info")) {
                total += e.getValue();
            }
        }
        total -= 2 * polls; // our own LLEN + ZCARD
        if (verbose) {
            StringBuilder b = new StringBuilder("  per job:");
            delta.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey()).forEach(e ->
                    b.append(String.format(Locale.ROOT, " %s %.3f calls %.2f µs;", e.getKey(), (double) e.getValue() / target,
                            (double) (after.usec.getOrDefault(e.getKey(), 0L) - before.usec.getOrDefault(e.getKey(), 0L)) / target)));
            progress(b.toString());
        }
        long roundTrips = delta.getOrDefault("evalsha", 0L) + delta.getOrDefault("eval", 0L)
                + delta.getOrDefault("blpop", 0L);
        return new Drain(jobs / seconds, (after.cpu - before.cpu) * 1e6 / jobs, workerCpuNanos / 1e3 / jobs,
                (double) total / jobs, (double) roundTrips / jobs, jobs);
    }

    private static long[] workerCpu(int n) {
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            cpu[i] = workers.get(i).process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return cpu;
    }

    private static void warmUp(int jobs) throws Exception {
        progress("warming up the worker and client JVMs with " + fmt(jobs) + " jobs");
        for (int round = 0; round < 2; round++) { // two rounds: the worker JVM's JIT settles in the first
            flush();
            String ns = LocalRedis.freshNamespace("bench");
            fill(ns, jobs);
            drain(ns, 1, 16, true, jobs, false);
        }
        flush();
        String ns2 = LocalRedis.freshNamespace("bench");
        try (Spool spool = client(ns2)) {
            BenchTasksTasks tasks = new BenchTasksTasks(spool);
            for (int i = 0; i < Math.min(5_000, jobs); i++) {
                tasks.noop(i);
            }
        }
        flush();
    }

    // ---- enqueue rates -------------------------------------------------------------------------

    private static void enqueueRows(int single, int threaded, int bulk) throws Exception {
        String name1 = "3. enqueue, one job per call (generated stub), 1 thread";
        String name16 = "3. enqueue, one job per call (generated stub), 16 threads";
        String nameBulk = "3. enqueue, bulk Spool.enqueueAll, batches of 1,000, 1 thread";
        List<Double> r1 = new ArrayList<>(), c1 = new ArrayList<>();
        List<Double> r16 = new ArrayList<>(), c16 = new ArrayList<>();
        List<Double> rb = new ArrayList<>(), cb = new ArrayList<>(), cmdb = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            double[] a = enqueueOne(single, 1);
            r1.add(a[0]);
            c1.add(a[1]);
            progress(String.format(Locale.ROOT, "%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job", name1, r, runs, fmt(a[0]), a[1]));
            double[] b = enqueueOne(threaded, 16);
            r16.add(b[0]);
            c16.add(b[1]);
            progress(String.format(Locale.ROOT, "%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job", name16, r, runs, fmt(b[0]), b[1]));
            double[] c = enqueueBulk(bulk);
            rb.add(c[0]);
            cb.add(c[1]);
            cmdb.add(c[2]);
            progress(String.format(Locale.ROOT, "%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job, %.2f commands/job",
                    nameBulk, r, runs, fmt(c[0]), c[1], c[2]));
        }
        addRow(name1, Stat.of(r1).show("%,.0f") + " jobs/s", Stat.of(c1).show("%.1f"), "", "", load());
        addRow(name16, Stat.of(r16).show("%,.0f") + " jobs/s", Stat.of(c16).show("%.1f"), "", "", load());
        addRow(nameBulk, Stat.of(rb).show("%,.0f") + " jobs/s", Stat.of(cb).show("%.1f"), "",
                Stat.of(cmdb).show("%.2f"), load());
    }

    /** {rate, Redis CPU µs per job}: each call waits for its reply, as a stub call does. */
    private static double[] enqueueOne(int jobs, int threads) throws Exception {
        flush();
        String ns = LocalRedis.freshNamespace("bench");
        try (Spool spool = client(ns)) {
            BenchTasksTasks tasks = new BenchTasksTasks(spool);
            Snap before = snap();
            long t0 = System.nanoTime();
            if (threads == 1) {
                for (int i = 0; i < jobs; i++) {
                    tasks.noop(i);
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                    int each = jobs / threads;
                    for (int t = 0; t < threads; t++) {
                        int base = t * each;
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < each; i++) {
                                tasks.noop(base + i);
                            }
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : done) {
                        f.get(10, TimeUnit.MINUTES);
                    }
                    jobs = each * threads;
                } finally {
                    pool.shutdownNow();
                }
            }
            long t1 = System.nanoTime();
            Snap after = snap();
            return new double[] {jobs / ((t1 - t0) / 1e9), (after.cpu - before.cpu) * 1e6 / jobs};
        } finally {
            flush();
        }
    }

    /** {rate, Redis CPU µs per job, Redis commands per job}. */
    private static double[] enqueueBulk(int jobs) throws Exception {
        flush();
        String ns = LocalRedis.freshNamespace("bench");
        List<List<Object[]>> batches = batches(0, jobs);
        try (Spool spool = client(ns)) {
            Snap before = snap();
            long t0 = System.nanoTime();
            for (List<Object[]> batch : batches) {
                List<Job<Integer>> handles = spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
                if (handles.size() != batch.size()) {
                    throw new IllegalStateException("enqueueAll returned " + handles.size() + " handles");
                }
            }
            long t1 = System.nanoTime();
            Snap after = snap();
            long total = 0;
            for (Map.Entry<String, Long> e : after.minus(before).entrySet()) {
                if (!e.getKey().equals("info")) {
                    total += e.getValue();
                }
            }
            return new double[] {jobs / ((t1 - t0) / 1e9), (after.cpu - before.cpu) * 1e6 / jobs, (double) total / jobs};
        } finally {
            flush();
        }
    }

    // ---- latency -------------------------------------------------------------------------------

    private static void latencyRow(int rate, int seconds) throws Exception {
        String name = "4. latency enqueue to start at a steady " + fmt(rate) + " jobs/s (" + seconds + " s, 1 worker, concurrency 16)";
        List<Double> p50 = new ArrayList<>(), p99 = new ArrayList<>(), p999 = new ArrayList<>(), max = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            flush();
            String ns = LocalRedis.freshNamespace("bench");
            WorkerProc w = workers.get(0);
            w.call("PREPARE " + ns + " 16 keep", "PREPARED");
            w.call("GO", "GOING");
            try (Spool spool = client(ns)) {
                BenchTasksTasks tasks = new BenchTasksTasks(spool);
                paced(tasks, rate, Math.max(100, rate / 2)); // warm-up, not recorded
                waitEmpty(ns);
                w.call("RESET", "RESET");
                paced(tasks, rate, rate * seconds);
                waitEmpty(ns);
            }
            String[] lat = w.call("LAT", "LAT");
            w.call("STOP", "STOPPED");
            p50.add(Long.parseLong(lat[2]) / 1000.0);
            p99.add(Long.parseLong(lat[3]) / 1000.0);
            p999.add(Long.parseLong(lat[4]) / 1000.0);
            max.add(Long.parseLong(lat[5]) / 1000.0);
            progress(String.format(Locale.ROOT, "%s: run %d/%d: %s samples, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                    name, r, runs, lat[1], p50.get(r - 1), p99.get(r - 1), p999.get(r - 1), max.get(r - 1)));
        }
        addRow(name, "p50 " + Stat.of(p50).show("%.3f") + " ms; p99 " + Stat.of(p99).show("%.3f") + " ms; p99.9 "
                + Stat.of(p999).show("%.3f") + " ms; max " + Stat.of(max).show("%.2f") + " ms", "", "", "", load());
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

    private static void waitEmpty(String ns) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Pipeline p = admin.pipelined();
            Response<Long> l = p.llen(key(ns, "ready"));
            Response<Long> z = p.zcard(key(ns, "active"));
            p.sync();
            if (l.get() + z.get() == 0) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new IllegalStateException("jobs did not drain within 2 minutes");
    }

    // ---- chord ---------------------------------------------------------------------------------

    /**
     * Row 5: a chord of {@code members} no-op members and a callback, from the moment before the
     * chord is enqueued to the callback's start, compared with the same number of plain no-op jobs
     * measured the same way in the same run on the same worker: from the moment before they are
     * enqueued ({@code enqueueAll}, pipelined like the chord's members) until the last one finished
     * (ready and active empty, polled every 1 ms). Both include enqueueing, fetching, running and
     * completing every job; the chord adds the joins and its callback's release and fetch.
     */
    private static void chordRow(int members) throws Exception {
        List<Double> total = new ArrayList<>();
        List<Double> plainTotal = new ArrayList<>();
        List<Double> enqueue = new ArrayList<>();
        List<Double> chordCpu = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        List<Object[]> plainArgs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            inputs.add(i);
            plainArgs.add(new Object[] {i});
        }
        int warmUps = 3; // the chord path of the client and the worker JVMs is warmed up first, not counted
        int runs = 2 * Bench.runs + 1; // one chord takes ~50 ms: more samples against the noise of a shared machine
        for (int r = 1; r <= runs + warmUps; r++) {
            flush();
            String ns = LocalRedis.freshNamespace("bench");
            WorkerProc w = workers.get(0);
            w.call("PREPARE " + ns + " 16 keep", "PREPARED");
            w.call("GO", "GOING");
            try (Spool spool = client(ns)) {
                Snap s0 = snap();
                long p0 = System.nanoTime();
                spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), plainArgs);
                double plainEnqueueMs = (System.nanoTime() - p0) / 1e6;
                waitEmpty(ns);
                double plainMs = (System.nanoTime() - p0) / 1e6;
                Snap s1 = snap();
                long t0 = BenchTasks.nowMicros();
                long e0 = System.nanoTime();
                dev.spool.workflow.Workflow.chordOver(spool, BenchTasksTasks.NOOP, inputs, x -> new Object[] {x})
                        .callback(BenchTasksTasks.CHORD_DONE, t0).start();
                double enqueueMs = (System.nanoTime() - e0) / 1e6;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                String[] lat = w.call("LAT", "LAT");
                while (Long.parseLong(lat[1]) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the chord's callback did not start within 2 minutes");
                    }
                    LockSupport.parkNanos(1_000_000);
                    lat = w.call("LAT", "LAT");
                }
                double chordMs = Long.parseLong(lat[2]) / 1000.0;
                waitEmpty(ns); // the callback's own completion
                Snap s2 = snap();
                if (verbose) {
                    for (Snap[] pair : new Snap[][] {{s0, s1}, {s1, s2}}) {
                        StringBuilder b = new StringBuilder(pair[0] == s0 ? "  plain, per job:" : "  chord, per member:");
                        Map<String, Long> delta = pair[1].minus(pair[0]);
                        delta.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey()).forEach(e ->
                                b.append(String.format(Locale.ROOT, " %s %.3f calls %.2f µs;", e.getKey(), (double) e.getValue() / members,
                                        (double) (pair[1].usec.getOrDefault(e.getKey(), 0L) - pair[0].usec.getOrDefault(e.getKey(), 0L)) / members)));
                        progress(b.toString());
                    }
                }
                double plainUs = (s1.cpu - s0.cpu) * 1e6 / members;
                double chordUs = (s2.cpu - s1.cpu) * 1e6 / members;
                if (r > warmUps) {
                    plainCpu.add(plainUs);
                    chordCpu.add(chordUs);
                    total.add(chordMs);
                    plainTotal.add(plainMs);
                    enqueue.add(enqueueMs);
                }
                progress(String.format(Locale.ROOT, "5. chord of %d members, run %d/%d%s: enqueue to callback start %.1f ms"
                        + " (enqueue %.1f ms); %d plain jobs enqueue to last done %.1f ms (enqueue %.1f ms); ratio %.2fx;"
                        + " Redis CPU per member %.1f µs vs per plain job %.1f µs", members, Math.max(0, r - warmUps), runs,
                        r <= warmUps ? " (warm-up)" : "", chordMs, enqueueMs, members, plainMs, plainEnqueueMs, chordMs / plainMs,
                        chordUs, plainUs));
            }
            w.call("STOP", "STOPPED");
        }
        Stat t = Stat.of(total);
        Stat p = Stat.of(plainTotal);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < total.size(); i++) {
            ratios.add(total.get(i) / plainTotal.get(i));
        }
        String vsRow1 = "";
        if (!Double.isNaN(bestEndToEnd)) {
            double perMember = t.median() * 1000 / members; // µs
            double plain = 1e6 / bestEndToEnd;
            vsRow1 = String.format(Locale.ROOT, "; vs row 1's throughput (%.1f µs per job, enqueue not included) %.2fx",
                    plain, perMember / plain);
        }
        addRow("5. chord of " + fmt(members) + " noop members + callback (1 worker, concurrency 16): enqueue to callback start,"
                + " vs " + fmt(members) + " plain noop jobs enqueue to last done (same run)",
                t.show("%.1f") + " ms (of which enqueue " + Stat.of(enqueue).show("%.1f") + " ms) vs " + p.show("%.1f")
                        + " ms plain = " + Stat.of(ratios).show("%.2f") + "x per member" + vsRow1,
                "chord " + Stat.of(chordCpu).show("%.1f") + " per member vs plain " + Stat.of(plainCpu).show("%.1f"),
                "", "", load());
    }

    // ---- memory --------------------------------------------------------------------------------

    private static void memoryRow(int jobs) throws Exception {
        List<Double> waiting = new ArrayList<>(), finished = new ArrayList<>(), discarded = new ArrayList<>();
        double payload = 0;
        double args = 0;
        for (int i = 0; i < jobs; i++) {
            String json = "[" + i + "]";
            args += json.length();
            payload += BenchTasksTasks.NOOP.name().length() + "\n0\n\n".length() + json.length();
        }
        payload /= jobs;
        args /= jobs;
        for (int r = 1; r <= runs; r++) {
            for (boolean keep : new boolean[] {true, false}) {
                flush();
                String ns = LocalRedis.freshNamespace("bench");
                long m0 = usedMemory();
                fill(ns, jobs);
                long m1 = usedMemory();
                drain(ns, 1, 16, keep, jobs, false);
                long m2 = usedMemory();
                if (keep) {
                    waiting.add((double) (m1 - m0) / jobs);
                    finished.add((double) (m2 - m0) / jobs);
                } else {
                    discarded.add((double) (m2 - m0) / jobs);
                }
                progress(String.format(Locale.ROOT, "6. memory, run %d/%d (%s): %.1f B per waiting job, %.1f B per finished job",
                        r, runs, keep ? "results kept" : "results discarded", (double) (m1 - m0) / jobs, (double) (m2 - m0) / jobs));
            }
        }
        Stat w = Stat.of(waiting);
        addRow(String.format(Locale.ROOT, "6. Redis memory per waiting job (%s jobs; packed payload %.1f B, of which arguments %.1f B)",
                fmt(jobs), payload, args), w.show("%.1f") + " B; beyond the packed payload "
                + String.format(Locale.ROOT, "%.1f B", w.median() - payload), "", "", "", load());
        addRow("6. Redis memory per finished job, result kept (record with result, TTL)", Stat.of(finished).show("%.1f") + " B",
                "", "", "", load());
        addRow("6. Redis memory per finished job, results discarded (keepResults(false))", Stat.of(discarded).show("%.1f") + " B",
                "", "", "", load());
        flush();
    }

    // ---- ceiling -------------------------------------------------------------------------------

    private static void ceilingRows() throws Exception {
        Map<String, List<Double>> rates = new java.util.TreeMap<>();
        for (int r = 1; r <= runs; r++) {
            for (int pipeline : new int[] {1, 16}) {
                int n = pipeline == 1 ? (quick ? 100_000 : 300_000) : (quick ? 500_000 : 2_000_000);
                flush();
                List<String> cmd = List.of("/usr/bin/redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                        "-c", "50", "-n", Integer.toString(n), "-P", Integer.toString(pipeline), "-t", "lpush,lpop", "-q");
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroy();
                    throw new IllegalStateException("redis-benchmark did not finish");
                }
                Matcher m = Pattern.compile("(LPUSH|LPOP): ([0-9.]+) requests per second").matcher(output.replace('\r', '\n'));
                while (m.find()) {
                    String k = m.group(1) + (pipeline == 1 ? " unpipelined" : " pipelined 16");
                    rates.computeIfAbsent(k, x -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
                    progress("8. redis-benchmark run " + r + "/" + runs + ": " + k + " (50 clients): "
                            + fmt(Double.parseDouble(m.group(2))) + " ops/s");
                }
            }
        }
        flush();
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            addRow("8. ceiling: redis-benchmark " + e.getKey() + ", 50 clients", Stat.of(e.getValue()).show("%,.0f") + " ops/s",
                    "", "", "", load());
        }
        if (!Double.isNaN(cmdsPerJob)) {
            for (String mode : new String[] {"unpipelined", "pipelined 16"}) {
                List<Double> push = rates.get("LPUSH " + mode);
                List<Double> pop = rates.get("LPOP " + mode);
                if (push == null || pop == null) {
                    continue;
                }
                double ops = (Stat.of(push).median() + Stat.of(pop).median()) / 2;
                double ceiling = ops / cmdsPerJob;
                addRow(String.format(Locale.ROOT, "8. Spool vs ceiling (%s): %.2f Redis commands per job (incl. inside Lua)",
                        mode, cmdsPerJob), String.format(Locale.ROOT, "ceiling %s jobs/s; Spool (row 1, c16, kept) %s jobs/s = %.0f%%",
                        fmt(ceiling), fmt(bestEndToEnd), 100 * bestEndToEnd / ceiling), "", "", "", load());
            }
        } else {
            notes.add("Row 8's fraction needs row 1 (commands per job).");
        }
    }

    // ---- Redis ---------------------------------------------------------------------------------

    private static void startServer() throws Exception {
        Path binary = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(binary)) {
            port = freePort();
            Path dir = Files.createTempDirectory("spool-bench-redis-");
            serverProcess = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!LocalRedis.answersPing("127.0.0.1", port)) {
                if (System.nanoTime() > deadline || !serverProcess.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                Thread.sleep(20);
            }
            progress("started " + binary + " on 127.0.0.1:" + port + " (pid " + serverProcess.pid() + ", no persistence)");
        } else {
            embedded = LocalRedis.startOwn();
            port = embedded.port();
            progress("no /usr/bin/redis-server: using the embedded Redis on port " + port + " (persistence turned off)");
        }
        url = "redis://127.0.0.1:" + port;
        admin = new Jedis("127.0.0.1", port, 60_000);
        if (embedded != null) {
            admin.configSet("appendonly", "no");
        }
    }

    /** Empties the benchmark's OWN server (never a shared one: the port is the one started above). */
    private static void flush() {
        admin.flushAll();
    }

    private static long usedMemory() throws InterruptedException {
        Thread.sleep(200);
        return Long.parseLong(field(admin.info("memory"), "used_memory"));
    }

    private static long llen(String ns) {
        return admin.llen(key(ns, "ready"));
    }

    private static String key(String ns, String type) {
        return ns + ":{" + ns + ":" + QUEUE + "}:" + type;
    }

    private static final class Snap {
        final Map<String, Long> calls = new HashMap<>();
        final Map<String, Long> usec = new HashMap<>();
        double cpu;

        Map<String, Long> minus(Snap before) {
            Map<String, Long> d = new HashMap<>();
            for (Map.Entry<String, Long> e : calls.entrySet()) {
                d.put(e.getKey(), e.getValue() - before.calls.getOrDefault(e.getKey(), 0L));
            }
            return d;
        }
    }

    private static Snap snap() {
        Snap s = new Snap();
        Matcher m = Pattern.compile("cmdstat_([a-z|_-]+):calls=(\\d+),usec=(\\d+)").matcher(admin.info("commandstats"));
        while (m.find()) {
            s.calls.put(m.group(1), Long.parseLong(m.group(2)));
            s.usec.put(m.group(1), Long.parseLong(m.group(3)));
        }
        String cpu = admin.info("cpu");
        s.cpu = Double.parseDouble(field(cpu, "used_cpu_sys")) + Double.parseDouble(field(cpu, "used_cpu_user"));
        return s;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in INFO");
    }

    private static Spool client(String ns) {
        return Spool.builder().redisUrl(url).namespace(ns).build();
    }

    private static List<List<Object[]>> batches(int from, int jobs) {
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

    /** Enqueues {@code jobs} no-op jobs with the bulk API, through the generated descriptor. */
    private static void fill(String ns, int jobs) {
        try (Spool spool = client(ns)) {
            for (List<Object[]> batch : batches(0, jobs)) {
                spool.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
            }
        }
    }

    // ---- worker processes ----------------------------------------------------------------------

    private static void ensureWorkers(int n) throws Exception {
        while (workers.size() < n) {
            WorkerProc w = new WorkerProc(workers.size() + 1);
            workers.add(w);
            if (workers.size() > 1) {
                // warm the new JVM up on its own before it is measured
                flush();
                String ns = LocalRedis.freshNamespace("bench");
                fill(ns, quick ? 10_000 : 40_000);
                w.call("PREPARE " + ns + " 16 keep", "PREPARED");
                w.call("GO", "GOING");
                waitEmpty(ns);
                w.call("STOP", "STOPPED");
                flush();
            }
        }
    }

    private static final class WorkerProc {
        final Process process;
        final PrintWriter in;
        final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();

        WorkerProc(int n) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xms256m", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"), BenchWorker.class.getName(), url)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("@@ ")) {
                            replies.add(line.substring(3));
                        } else {
                            System.out.println("[worker " + n + "] " + line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "bench-worker-reader-" + n);
            reader.setDaemon(true);
            reader.start();
            expect("READY");
            progress("worker process " + n + " started (pid " + process.pid() + ")");
        }

        void send(String command) {
            in.println(command);
        }

        String[] expect(String word) throws InterruptedException {
            String reply = replies.poll(3, TimeUnit.MINUTES);
            if (reply == null || !reply.startsWith(word)) {
                throw new IllegalStateException("worker replied " + reply + ", expected " + word);
            }
            return reply.split(" ");
        }

        String[] call(String command, String word) throws InterruptedException {
            send(command);
            return expect(word);
        }
    }

    private static void shutdown() {
        for (WorkerProc w : workers) {
            try {
                w.send("EXIT");
                if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
                    w.process.destroy();
                }
            } catch (Exception e) {
                w.process.destroy();
            }
        }
        if (admin != null) {
            admin.close();
        }
        if (serverProcess != null) {
            serverProcess.destroy();
            try {
                serverProcess.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    // ---- output --------------------------------------------------------------------------------

    private static void addRow(String name, String result, String redisCpu, String workerCpu, String cmds, String load) {
        table.add(new String[] {name, result, redisCpu, workerCpu, cmds, load});
    }

    private static void printTable(String machine) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Spool benchmark, ").append(LocalDate.now()).append(", ").append(quick ? "quick" : "full").append(" mode, ")
                .append(runs).append(" run(s) per row: median (min–max)\n\n");
        md.append(machine).append("\n\n");
        md.append("| benchmark | result | Redis CPU µs/job | worker CPU µs/job | Redis commands/job (round trips/job) | load (1 min) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String[] row : table) {
            md.append("| ");
            for (int i = 0; i < row.length; i++) {
                md.append(row[i].isEmpty() ? "–" : row[i]).append(i == row.length - 1 ? " |\n" : " | ");
            }
        }
        for (String note : notes) {
            md.append("\n").append(note).append("\n");
        }
        System.out.println();
        System.out.println(md);
        Path out = Path.of("target", "benchmarks-" + (quick ? "quick" : "full") + ".md");
        if (Files.isDirectory(Path.of("target")) || Files.isDirectory(Path.of("bench", "target"))) {
            if (!Files.isDirectory(Path.of("target"))) {
                out = Path.of("bench", "target", out.getFileName().toString());
            }
            Files.writeString(out, md.toString());
            progress("table written to " + out.toAbsolutePath());
        }
    }

    private static String machine() throws Exception {
        String memory = run("free", "-h").lines().filter(l -> l.startsWith("Mem:")).findFirst().orElse("?")
                .replaceAll("\\s+", " ");
        return String.format(Locale.ROOT, "%d cores (nproc %s), %s, Java %s (%s), Redis %s on 127.0.0.1:%d, load at start %s",
                Runtime.getRuntime().availableProcessors(), run("nproc").trim(), "free -h: " + memory,
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                field(admin.info("server"), "redis_version"), port, load());
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "?";
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void progress(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Median and range of a few runs. */
    private record Stat(double median, double min, double max, int n) {
        static Stat of(List<Double> values) {
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            int n = v.size();
            double median = n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return new Stat(median, n == 0 ? Double.NaN : v.get(0), n == 0 ? Double.NaN : v.get(n - 1), n);
        }

        String show(String format) {
            String m = String.format(Locale.ROOT, format, median);
            if (n <= 1) {
                return m;
            }
            return m + " (" + String.format(Locale.ROOT, format, min) + "–" + String.format(Locale.ROOT, format, max) + ")";
        }
    }
}
