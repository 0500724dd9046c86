package dev.spool.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spool's benchmark: Spool next to BullMQ (rows 9–15, the headline), end-to-end throughput,
 * enqueue rates, latency, chords, memory, scaling and the Redis ceiling (rows 1–8) and nested
 * workflows (row 16), against a Redis server of its own on a free loopback port ({@code
 * /usr/bin/redis-server} without persistence, else the embedded 6.2 server). Jobs are enqueued through the generated stubs ({@code
 * BenchTasksTasks}) and run by separate worker JVMs ({@link BenchWorker}) through the generated
 * dispatch table; BullMQ runs in node processes ({@link BullmqSide}) against the same server.
 *
 * <pre>
 * ./mvnw -q -B -Pbench -DskipTests verify -pl bench -am                     full run (3 runs per row)
 * ./mvnw -q -B -Pbench -DskipTests verify -pl bench -am -Dbench.args=quick  quick run (1 run, small sizes)
 * java -cp ... dev.spool.bench.Bench [full|quick|smoke] [--runs N] [--rows 9,1,8] [--peer bullmq|--no-peer] [--verbose]
 * </pre>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (BenchServer server = BenchServer.start(); SpoolSide spool = new SpoolSide(server, options)) {
            Report report = new Report(options);
            BullmqSide peer = startPeer(server, options, report);
            try {
                run(new Scenario.Context(options, server, spool, peer, report));
            } finally {
                if (peer != null) {
                    peer.close();
                }
            }
        }
    }

    private static void run(Scenario.Context ctx) throws Exception {
        BenchOptions options = ctx.options();
        String machine = machine(ctx);
        Log.progress("machine: " + machine);
        Log.progress("mode: %s, %d run(s) per row, rows %s", options.mode(), options.runs(),
                BenchOptions.ALL_ROWS.stream().filter(options::wants).toList());
        Log.progress("warming up the worker and client JVMs with " + Log.fmt(options.sizes().warmUpJobs()) + " jobs");
        ctx.spool().ensureWorkers(1);
        ctx.spool().warmUpClient();
        Map<Integer, Scenario> scenarios = scenarios(ctx);
        for (int row : BenchOptions.ALL_ROWS) {
            if (options.wants(row)) {
                scenarios.get(row).run(row);
            }
        }
        ctx.report().print(machine);
    }

    private static Map<Integer, Scenario> scenarios(Scenario.Context ctx) {
        Map<Integer, Scenario> s = new LinkedHashMap<>();
        VersusRows versus = new VersusRows(ctx);
        for (int row = 9; row <= 15; row++) {
            s.put(row, versus);
        }
        EndToEndRows endToEnd = new EndToEndRows(ctx);
        s.put(1, endToEnd);
        s.put(2, endToEnd);
        s.put(3, new EnqueueRows(ctx));
        s.put(4, new LatencyRows(ctx));
        s.put(5, new ChordRows(ctx));
        s.put(6, new MemoryRows(ctx));
        s.put(7, new ScalingRows(ctx));
        s.put(8, new CeilingRows(ctx));
        s.put(16, new NestedRows(ctx));
        return s;
    }

    /** Starts BullMQ if wanted and possible; otherwise says why not, on the console and in the report. */
    private static BullmqSide startPeer(BenchServer server, BenchOptions options, Report report) throws Exception {
        if (!options.peer()) {
            report.note("BullMQ was not measured (--no-peer).");
            return null;
        }
        if (BenchOptions.ALL_ROWS.stream().filter(options::wants).noneMatch(r -> r >= 9 && r <= 15)) {
            return null;
        }
        try {
            BullmqSide peer = BullmqSide.start(server, options);
            report.peerName(peer.name());
            return peer;
        } catch (BullmqSide.Unavailable e) {
            String why = "BullMQ peer SKIPPED: " + e.getMessage() + ". Rows 9–15 show Spool's figures only.";
            Log.progress(why);
            report.note(why);
            return null;
        }
    }

    private static String machine(Scenario.Context ctx) {
        String memory = output("free", "-h").lines().filter(l -> l.startsWith("Mem:")).findFirst().orElse("?")
                .replaceAll("\\s+", " ");
        return String.format(Locale.ROOT, "%d cores (nproc %s), %s, Java %s (%s), Redis %s on 127.0.0.1:%d, load at start %s",
                Runtime.getRuntime().availableProcessors(), output("nproc").trim(), "free -h: " + memory,
                System.getProperty("java.version"), System.getProperty("java.vm.name"), ctx.server().version(),
                ctx.server().port(), Log.load());
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "?";
        }
    }
}
