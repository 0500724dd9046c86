package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * BullMQ as measured by the benchmark, on the same Redis server as Spool: the harness {@code
 * bench/bullmq/harness.mjs} (BullMQ and ioredis pinned in its {@code package-lock.json}, installed
 * with {@code npm ci} when missing) runs in node processes, one that enqueues and one per worker,
 * each driven over stdin/stdout like Spool's worker JVMs. BullMQ's defaults throughout, but for the
 * concurrency and, for "results removed", the worker's {@code removeOnComplete}.
 */
final class BullmqSide implements Contender, AutoCloseable {

    private final BenchServer server;
    private final BenchOptions options;
    private final String node;
    private final Path dir;
    private final String version;
    private final NodeHarness producer;
    private final List<NodeHarness> workers = new ArrayList<>();
    private String queue;
    private int queues;

    private BullmqSide(BenchServer server, BenchOptions options, String node, Path dir) throws Exception {
        this.server = server;
        this.options = options;
        this.node = node;
        this.dir = dir;
        this.producer = new NodeHarness("bullmq producer", node, dir, server.port());
        JsonNode hello = producer.call("hello");
        this.version = hello.path("bullmq").asText();
        Log.progress("BullMQ %s on node %s: producer process started (pid %d)", version, hello.path("node").asText(),
                producer.pid());
    }

    /** Thrown when the peer cannot run here; the message says why. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    /**
     * Finds {@code node} and the harness, installs the pinned packages with {@code npm ci} if
     * {@code node_modules} is missing or holds another BullMQ, and starts the producer process.
     *
     * @throws Unavailable if {@code node} or {@code npm} is missing or too old, or the install fails
     */
    static BullmqSide start(BenchServer server, BenchOptions options) throws Exception {
        Path dir = harnessDir();
        String nodeVersion = run(dir, List.of("node", "--version"), 1);
        if (nodeVersion == null) {
            throw new Unavailable("no `node` on the PATH");
        }
        int major = Integer.parseInt(nodeVersion.trim().replaceAll("^v(\\d+).*$", "$1"));
        if (major < 20) {
            throw new Unavailable("node " + nodeVersion.trim() + " is older than 20");
        }
        String pinned = version(dir.resolve("package.json"), "/dependencies/bullmq");
        String installed = version(dir.resolve("node_modules").resolve("bullmq").resolve("package.json"), "/version");
        if (!pinned.equals(installed)) {
            Log.progress("installing the BullMQ peer's pinned packages (bullmq %s; installed: %s): npm ci in %s", pinned,
                    installed.isEmpty() ? "none" : installed, dir);
            if (run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 10) == null) {
                throw new Unavailable("`npm ci` in " + dir + " failed (is `npm` installed and the registry reachable?)");
            }
        }
        return new BullmqSide(server, options, "node", dir);
    }

    /** A string field of a JSON file, or "" if the file or the field is missing. */
    private static String version(Path file, String pointer) {
        try {
            return new ObjectMapper().readTree(file.toFile()).at(pointer).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static Path harnessDir() throws Unavailable {
        for (Path p : List.of(Path.of("bullmq"), Path.of("bench", "bullmq"))) {
            if (Files.isRegularFile(p.resolve("harness.mjs")) && Files.isRegularFile(p.resolve("package-lock.json"))) {
                return p.toAbsolutePath();
            }
        }
        throw new Unavailable("no bullmq/harness.mjs under " + Path.of("").toAbsolutePath() + " or its bench/");
    }

    /** Runs a command in {@code dir}; its output, or null if it could not start or did not exit 0 in time. */
    private static String run(Path dir, List<String> command, int timeoutMinutes) {
        try {
            Path log = Files.createTempFile("spool-bench-", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!exited) {
                p.destroy();
                return null;
            }
            if (p.exitValue() != 0) {
                System.out.print(out);
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public String name() {
        return "BullMQ " + version;
    }

    /** Empties the server and names a new queue for the next measurement. */
    private String freshQueue() throws InterruptedException {
        if (queue != null) {
            producer.call("forget", "queue", queue);
        }
        server.flush();
        queue = "bench-" + (++queues);
        return queue;
    }

    private static String key(String queue, String type) {
        return "bull:" + queue + ":" + type;
    }

    /** The keys of unfinished jobs: the wait and active lists, and jobs waiting for children or by priority. */
    private static BenchServer.Probe probe(String queue) {
        return new BenchServer.Probe(List.of(key(queue, "wait"), key(queue, "active")),
                List.of(key(queue, "waiting-children"), key(queue, "prioritized"), key(queue, "delayed")));
    }

    private void ensureWorkers(int n) throws Exception {
        while (workers.size() < n) {
            NodeHarness w = new NodeHarness("bullmq worker " + (workers.size() + 1), node, dir, server.port());
            w.call("hello");
            workers.add(w);
            Log.progress("BullMQ worker process %d started (pid %d)", workers.size(), w.pid());
            int rounds = workers.size() == 1 ? 2 : 1; // as Spool's first worker JVM: two drains to warm up
            for (int round = 0; round < rounds; round++) {
                String q = freshQueue();
                producer.call("fill", "queue", q, "jobs", options.sizes().warmUpJobs(), "batch", SpoolSide.BATCH);
                w.call("prepare", "queue", q, "concurrency", 16, "keep", true);
                w.call("go");
                server.waitEmpty(probe(q), 5);
                w.call("stop");
            }
            server.flush();
        }
    }

    @Override
    public Throughput backlog(int jobs, int processes, int concurrency, boolean keep) throws Exception {
        ensureWorkers(processes);
        String q = freshQueue();
        producer.call("fill", "queue", q, "jobs", jobs, "batch", SpoolSide.BATCH);
        for (int i = 0; i < processes; i++) {
            workers.get(i).call("prepare", "queue", q, "concurrency", concurrency, "keep", keep);
        }
        BenchServer.Probe probe = probe(q);
        long[] cpuBefore = new long[processes];
        for (int i = 0; i < processes; i++) {
            cpuBefore[i] = workers.get(i).cpuNanos();
        }
        RedisStats before = server.stats();
        long own0 = server.probeCommands();
        long t0 = System.nanoTime();
        for (int i = 0; i < processes; i++) {
            workers.get(i).send(NodeHarness.command("go"));
        }
        while (server.pending(probe) > 0) {
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("BullMQ's run did not finish within 10 minutes");
            }
            LockSupport.parkNanos(1_000_000);
        }
        long t1 = System.nanoTime();
        RedisStats after = server.stats();
        long own = server.probeCommands() - own0;
        long workerCpu = 0;
        long ran = 0;
        for (int i = 0; i < processes; i++) {
            workerCpu += workers.get(i).cpuNanos() - cpuBefore[i];
            workers.get(i).expect("go");
            ran += workers.get(i).call("stop").path("processed").asLong();
        }
        if (ran != jobs) {
            throw new IllegalStateException("BullMQ's workers ran " + ran + " jobs of " + jobs);
        }
        if (options.verbose()) {
            Log.progress(after.perJob(before, "BullMQ, per job", jobs));
        }
        double seconds = (t1 - t0) / 1e9;
        double redisCpu = after.cpuSince(before);
        return new Throughput(jobs / seconds, redisCpu * 1e6 / jobs, workerCpu / 1e3 / jobs,
                (double) (after.commandsSince(before) - own) / jobs, (double) after.roundTripsSince(before) / jobs,
                redisCpu / seconds, jobs);
    }

    /** {@code Queue.addBulk}, batches of {@code batch}, timed inside the producer process. */
    @Override
    public Rate bulkEnqueue(int jobs, int batch) throws Exception {
        String q = freshQueue();
        producer.call("fill", "queue", q, "jobs", Math.min(jobs, 5_000), "batch", batch); // warm-up, not counted
        q = freshQueue();
        RedisStats before = server.stats();
        double ms = producer.call("fill", "queue", q, "jobs", jobs, "batch", batch).path("ms").asDouble();
        return rate(jobs, ms, before);
    }

    /** {@code Queue.add}, then {@code Job.waitUntilFinished} (QueueEvents); one worker, concurrency 16. */
    @Override
    public Rate awaitedOneAtATime(int jobs) throws Exception {
        NodeHarness w = startOne();
        try {
            producer.call("awaited", "queue", queue, "jobs", Math.min(200, jobs)); // warm-up, not counted
            RedisStats before = server.stats();
            double ms = producer.call("awaited", "queue", queue, "jobs", jobs).path("ms").asDouble();
            return rate(jobs, ms, before);
        } finally {
            w.call("stop");
        }
    }

    @Override
    public Latency latency(int rate, int seconds) throws Exception {
        NodeHarness w = startOne();
        BenchServer.Probe probe = probe(queue);
        try {
            producer.call("paced", "queue", queue, "rate", rate, "jobs", Math.max(100, rate / 2)); // warm-up
            server.waitEmpty(probe, 2);
            w.call("reset");
            producer.call("paced", "queue", queue, "rate", rate, "jobs", rate * seconds);
            server.waitEmpty(probe, 2);
            JsonNode lat = w.call("lat");
            return new Latency(lat.path("n").asLong(), lat.path("p50").asDouble() / 1000, lat.path("p99").asDouble() / 1000,
                    lat.path("p999").asDouble() / 1000, lat.path("max").asDouble() / 1000);
        } finally {
            w.call("stop");
        }
    }

    @Override
    public double bytesPerWaitingJob(int jobs) throws Exception {
        String q = freshQueue();
        long m0 = server.usedMemory();
        producer.call("fill", "queue", q, "jobs", jobs, "batch", SpoolSide.BATCH);
        long m1 = server.usedMemory();
        freshQueue();
        return (double) (m1 - m0) / jobs;
    }

    /**
     * {@code FlowProducer.add} of a parent with {@code members} no-op children, one after another
     * while one worker (concurrency 16) runs them; the parent reads its children's results ({@code
     * getChildrenValues}) as Spool's callback receives its members'. Done when no job of the queue
     * is waiting, active or waiting for children and every parent has run.
     */
    @Override
    public Rate workflows(int workflows, int members) throws Exception {
        NodeHarness w = startOne();
        BenchServer.Probe probe = probe(queue);
        try {
            producer.call("flows", "queue", queue, "flows", Math.min(50, workflows), "children", members); // warm-up
            awaitParents(w, probe, Math.min(50, workflows));
            w.call("reset");
            RedisStats before = server.stats();
            long own0 = server.probeCommands();
            long t0 = System.nanoTime();
            producer.call("flows", "queue", queue, "flows", workflows, "children", members);
            awaitParents(w, probe, workflows);
            long t1 = System.nanoTime();
            RedisStats after = server.stats();
            long jobs = (long) workflows * (members + 1);
            return new Rate(jobs / ((t1 - t0) / 1e9), after.cpuSince(before) * 1e6 / jobs,
                    (double) (after.commandsSince(before) - (server.probeCommands() - own0)) / jobs);
        } finally {
            w.call("stop");
        }
    }

    private void awaitParents(NodeHarness w, BenchServer.Probe probe, int parents) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (server.pending(probe) > 0 || w.call("count").path("parents").asLong() < parents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("BullMQ's flows did not finish within 5 minutes");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** One worker (concurrency 16, results kept) started on a fresh queue. */
    private NodeHarness startOne() throws Exception {
        ensureWorkers(1);
        String q = freshQueue();
        NodeHarness w = workers.get(0);
        w.call("prepare", "queue", q, "concurrency", 16, "keep", true);
        w.call("go");
        return w;
    }

    private Rate rate(int jobs, double ms, RedisStats before) {
        RedisStats after = server.stats();
        return new Rate(jobs / (ms / 1000), after.cpuSince(before) * 1e6 / jobs, (double) after.commandsSince(before) / jobs);
    }

    @Override
    public void close() {
        for (NodeHarness w : workers) {
            w.close();
        }
        producer.close();
    }
}
