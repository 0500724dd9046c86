package dev.spool.bench;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Completion;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Priorities inside a queue (issue 11): the Redis cost of a fetch with a backlog of 10,000 and of
 * 1,000,000 waiting jobs, at mixed priority levels and, for comparison, all at the default level.
 *
 * <p>Each row fills the benchmark's own Redis server ({@link BenchServer}, emptied first) with the
 * backlog, then runs rounds: enqueue {@code --round} jobs at the row's levels (not measured), read
 * the server's counters, fetch {@code --round} jobs in calls of {@code --batch} (the fetch script,
 * as a worker calls it), read the counters again, and complete the jobs (not measured), so the
 * backlog stays where it was. Redis CPU per fetched job is the {@code used_cpu_sys + used_cpu_user}
 * delta over the measured parts divided by the jobs; µs per job is the {@code INFO commandstats}
 * time of {@code EVALSHA} (the fetch script with the commands it runs); commands per job counts every
 * command run inside it.
 *
 * <pre>
 * java -cp &lt;bench classes + dependencies&gt; dev.spool.bench.PriorityBench [--sizes 10000,1000000]
 *     [--rounds 40] [--round 1000] [--batch 10] [--runs 1]
 * </pre>
 */
public final class PriorityBench {

    private static final TaskDescriptor<Void> JOB = TaskDescriptor.builder("PriorityBench.job", TypeRef.VOID)
            .queue("prio").param("n", TypeRef.of(int.class)).build();

    private PriorityBench() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 1_000_000);
        int rounds = 40;
        int round = 1000;
        int batch = 10;
        int runs = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--round" -> round = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Log.progress("load average %s at start", Log.load());
        java.util.Map<String, List<double[]>> results = new java.util.LinkedHashMap<>();
        try (BenchServer server = BenchServer.start()) {
            for (int run = 0; run < runs; run++) {
                for (boolean mixed : new boolean[] {true, false}) {
                    for (int size : sizes) {
                        results.computeIfAbsent(String.format(Locale.ROOT, "| %s | %,d |", mixed ? "mixed -5..5" : "default (0)",
                                size), k -> new ArrayList<>()).add(row(server, size, mixed, rounds, round, batch));
                    }
                }
            }
            Log.progress("Redis %s; load average %s at the end", server.version(), Log.load());
        }
        System.out.println();
        System.out.println("Median of " + runs + " run(s) (min-max); " + Log.fmt((double) rounds * round) + " jobs fetched per run, "
                + batch + " per fetch call");
        System.out.println();
        System.out.println("| levels | jobs waiting | Redis CPU µs/job | fetch script µs/job | commands/job |");
        System.out.println("|---|---:|---:|---:|---:|");
        results.forEach((label, values) -> System.out.println(label + " " + cell(values, 0) + " | " + cell(values, 1) + " | "
                + String.format(Locale.ROOT, "%.1f", values.get(0)[2]) + " |"));
    }

    private static String cell(List<double[]> values, int column) {
        double[] v = values.stream().mapToDouble(r -> r[column]).sorted().toArray();
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%.2f", v[0]);
        }
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", v[v.length / 2], v[0], v[v.length - 1]);
    }

    /** One row's Redis CPU µs per job, fetch script µs per job and commands per job. */
    private static double[] row(BenchServer server, int size, boolean mixed, int rounds, int round, int batch) {
        server.flush();
        try (Spool spool = Spool.builder().redisUrl(server.url()).namespace("bench").build()) {
            SpoolCore core = Access.core(spool);
            Broker broker = core.broker();
            QueueKeys queue = core.keys().queue("prio");
            Random random = new Random(42);
            long start = System.nanoTime();
            fill(spool, size, mixed, random);
            Log.progress("%s levels: %,d jobs waiting (filled in %.1f s, load %s)", mixed ? "mixed" : "default", size,
                    (System.nanoTime() - start) / 1e9, Log.load());
            // one round first, not measured: scripts loaded, lists warmed
            runRound(spool, broker, queue, round, batch, mixed, random, null);
            Totals totals = new Totals();
            for (int r = 0; r < rounds; r++) {
                runRound(spool, broker, queue, round, batch, mixed, random, new Measure(server, totals));
            }
            long left = spool.queue("prio").counts().queued();
            if (left != size) {
                throw new IllegalStateException("the backlog moved: " + left + " jobs waiting, not " + size);
            }
            double[] figures = {totals.cpu * 1e6 / totals.jobs, (double) totals.scriptUsec / totals.jobs,
                (double) totals.commands / totals.jobs};
            Log.progress("%s, %,d waiting: %,d fetched, Redis CPU %.2f µs/job, fetch script %.2f µs/job, %.1f commands/job (load %s)",
                    mixed ? "mixed" : "default", size, totals.jobs, figures[0], figures[1], figures[2], Log.load());
            return figures;
        }
    }

    /** The backlog: {@code size} jobs, in batches of 1,000 per level. */
    private static void fill(Spool spool, int size, boolean mixed, Random random) {
        int done = 0;
        while (done < size) {
            int n = Math.min(1000, size - done);
            enqueue(spool, n, mixed, random);
            done += n;
        }
    }

    /** {@code n} jobs, each at a level drawn from -5..5 when mixed (one enqueueAll per level), else all at 0. */
    private static void enqueue(Spool spool, int n, boolean mixed, Random random) {
        List<List<Object[]>> byLevel = new ArrayList<>();
        for (int l = 0; l < 11; l++) {
            byLevel.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byLevel.get(mixed ? random.nextInt(11) : 5).add(new Object[] {i});
        }
        for (int l = 0; l < 11; l++) {
            if (!byLevel.get(l).isEmpty()) {
                spool.enqueueAll(JOB, JobOptions.defaults().priority(l - 5), byLevel.get(l));
            }
        }
    }

    private static final class Totals {
        long jobs;
        double cpu;
        long scriptUsec;
        long commands;
    }

    private record Measure(BenchServer server, Totals totals) {}

    private static void runRound(Spool spool, Broker broker, QueueKeys queue, int round, int batch, boolean mixed,
            Random random, Measure measure) {
        enqueue(spool, round, mixed, random);
        RedisStats before = measure == null ? null : measure.server().stats();
        List<Leased> leased = new ArrayList<>(round);
        while (leased.size() < round) {
            List<Leased> got = broker.fetch(queue, Math.min(batch, round - leased.size()), 60_000);
            if (got.isEmpty()) {
                throw new IllegalStateException("nothing to fetch with " + leased.size() + " of " + round + " fetched");
            }
            leased.addAll(got);
        }
        if (measure != null) {
            RedisStats after = measure.server().stats();
            Totals t = measure.totals();
            t.jobs += leased.size();
            t.cpu += after.cpuSince(before);
            t.scriptUsec += after.usecSince(before, "evalsha");
            t.commands += after.commandsSince(before) - after.callsSince(before).getOrDefault("evalsha", 0L);
        }
        List<Completion> done = new ArrayList<>(leased.size());
        for (Leased job : leased) {
            done.add(new Completion(job.id(), job.token(), ""));
        }
        for (int i = 0; i < done.size(); i += 1000) {
            broker.complete(queue, done.subList(i, Math.min(done.size(), i + 1000)), 0);
        }
    }
}
