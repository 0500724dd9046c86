package dev.spool.bench;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.workflow.Dag;
import dev.spool.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row 16: a nested workflow's cost per member against a plain job's, in the same run on the same
 * worker (one process, concurrency 16). Nested: {@code workflows} workflows of the shape {@link
 * #start} builds (1 + chains×3 + 1 jobs), started one after another, from the moment before the
 * first is started until every callback ran and nothing is left to run or deliver. Plain: as many
 * no-op jobs as the workflows have members, enqueued with {@code enqueueAll} (1,000 per call), from
 * the moment before the first call until the last one finished. Per member: wall time, Redis CPU
 * and Redis commands (the server's own counters, the benchmark's polls taken out), and the worker
 * process's CPU.
 */
final class NestedRows implements Scenario {

    private final Context ctx;

    NestedRows(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * One nested workflow: {@code noop(seed)}, then {@code chains} chains of 3 {@code step(value,
     * chain)} jobs, each chain's first step taking the first job's result, then {@code chordDone}
     * over the chains' last results in chain order. Built with the run-time {@link Dag}.
     */
    static void start(Spool client, int chains, int seed) {
        Dag dag = Workflow.dag(client);
        Dag.Ref<Integer> first = dag.job(BenchTasksTasks.NOOP, seed);
        List<Dag.Ref<Integer>> lasts = new ArrayList<>(chains);
        for (int i = 0; i < chains; i++) {
            Dag.Ref<Integer> value = first;
            for (int step = 0; step < 3; step++) {
                value = dag.after(List.of(value), BenchTasksTasks.STEP, i);
            }
            lasts.add(value);
        }
        dag.start(dag.afterAll(lasts, BenchTasksTasks.CHORD_DONE, BenchTasks.nowMicros()));
    }

    /**
     * One measurement, per member (or plain job): wall µs (of which enqueueing or starting the
     * workflows), Redis CPU µs, worker CPU µs, Redis commands.
     */
    private record PerMember(double micros, double enqueueMicros, double cpuMicros, double workerMicros, double commands) {}

    @Override
    public void run(int row) throws Exception {
        int workflows = ctx.options().sizes().nestedWorkflows();
        int chains = ctx.options().sizes().nestedChains();
        int members = workflows * (2 + 3 * chains);
        SpoolSide spool = ctx.spool();
        spool.ensureWorkers(1);
        List<Double> nestedUs = new ArrayList<>(), plainUs = new ArrayList<>(), ratios = new ArrayList<>();
        List<Double> nestedCpu = new ArrayList<>(), plainCpu = new ArrayList<>();
        List<Double> nestedCmd = new ArrayList<>(), plainCmd = new ArrayList<>();
        List<Double> nestedWorker = new ArrayList<>(), plainWorker = new ArrayList<>();
        List<Double> nestedStart = new ArrayList<>(), plainEnqueue = new ArrayList<>();
        int warmUps = 2;
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs + warmUps; r++) {
            String ns = spool.freshNamespace();
            WorkerProcess w = spool.worker(0);
            w.prepare(ns, 16, true);
            w.call("GO", "GOING");
            try (Spool client = spool.client(ns)) {
                PerMember plain = plain(client, w, ns, members);
                w.call("RESET", "RESET");
                PerMember nested = nested(client, w, ns, workflows, chains, members);
                if (r > warmUps) {
                    nestedUs.add(nested.micros());
                    plainUs.add(plain.micros());
                    ratios.add(nested.micros() / plain.micros());
                    nestedCpu.add(nested.cpuMicros());
                    plainCpu.add(plain.cpuMicros());
                    nestedCmd.add(nested.commands());
                    plainCmd.add(plain.commands());
                    nestedWorker.add(nested.workerMicros());
                    plainWorker.add(plain.workerMicros());
                    nestedStart.add(nested.enqueueMicros());
                    plainEnqueue.add(plain.enqueueMicros());
                }
                Log.progress("16. %d nested workflows of 1 + %dx3 + 1, run %d/%d%s: %.1f µs per member (%.0f jobs/s) vs"
                        + " plain %.1f µs per job (%.0f jobs/s), ratio %.2fx; Redis CPU %.1f vs %.1f µs; worker CPU %.1f vs"
                        + " %.1f µs; commands %.2f vs %.2f; load %s", workflows, chains, Math.max(0, r - warmUps), runs, r <= warmUps ? " (warm-up)" : "",
                        nested.micros(), 1e6 / nested.micros(), plain.micros(), 1e6 / plain.micros(),
                        nested.micros() / plain.micros(), nested.cpuMicros(), plain.cpuMicros(), nested.workerMicros(),
                        plain.workerMicros(), nested.commands(),
                        plain.commands(), Log.load());
            }
            w.call("STOP", "STOPPED");
        }
        Stat n = Stat.of(nestedUs);
        Stat p = Stat.of(plainUs);
        ctx.report().line("16. " + workflows + " nested workflows of 1 + " + chains + "×3 + 1 jobs (" + Log.fmt(members)
                + " members) vs " + Log.fmt(members) + " plain noop jobs, same run (1 worker, concurrency 16): per member",
                n.show("%.1f") + " µs (" + String.format(Locale.ROOT, "%,.0f", 1e6 / n.median()) + " jobs/s; starting "
                        + Stat.of(nestedStart).show("%.1f") + " µs) vs plain " + p.show("%.1f") + " µs ("
                        + String.format(Locale.ROOT, "%,.0f", 1e6 / p.median()) + " jobs/s; enqueueing "
                        + Stat.of(plainEnqueue).show("%.1f") + " µs) = "
                        + Stat.of(ratios).show("%.2f") + "x",
                "nested " + Stat.of(nestedCpu).show("%.1f") + " vs plain " + Stat.of(plainCpu).show("%.1f") + " = "
                        + ratio(nestedCpu, plainCpu),
                "nested " + Stat.of(nestedWorker).show("%.1f") + " vs plain " + Stat.of(plainWorker).show("%.1f") + " = "
                        + ratio(nestedWorker, plainWorker),
                "nested " + Stat.of(nestedCmd).show("%.2f") + " vs plain " + Stat.of(plainCmd).show("%.2f"));
    }

    private static String ratio(List<Double> nested, List<Double> plain) {
        return String.format(Locale.ROOT, "%.2fx", Stat.of(nested).median() / Stat.of(plain).median());
    }

    private PerMember plain(Spool client, WorkerProcess w, String ns, int jobs) {
        SpoolSide spool = ctx.spool();
        BenchServer server = ctx.server();
        RedisStats s0 = server.stats();
        long own0 = server.probeCommands();
        long cpu0 = w.cpuNanos();
        long t0 = System.nanoTime();
        for (List<Object[]> batch : SpoolSide.batches(0, jobs)) {
            client.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), batch);
        }
        long enqueued = System.nanoTime();
        spool.waitEmpty(ns);
        long t1 = System.nanoTime();
        RedisStats s1 = server.stats();
        return perMember(s0, s1, own0, t1 - t0, enqueued - t0, w.cpuNanos() - cpu0, jobs, "plain, per job");
    }

    private PerMember nested(Spool client, WorkerProcess w, String ns, int workflows, int chains, int members)
            throws InterruptedException {
        BenchServer server = ctx.server();
        BenchServer.Probe probe = new BenchServer.Probe(List.of(SpoolSide.key(ns, "ready")),
                List.of(SpoolSide.key(ns, "active"), SpoolSide.key(ns, "flows")));
        RedisStats s0 = server.stats();
        long own0 = server.probeCommands();
        long cpu0 = w.cpuNanos();
        long t0 = System.nanoTime();
        for (int f = 0; f < workflows; f++) {
            start(client, chains, f);
        }
        long started = System.nanoTime();
        ctx.spool().awaitCallbacks(w, probe, workflows);
        long t1 = System.nanoTime();
        RedisStats s1 = server.stats();
        return perMember(s0, s1, own0, t1 - t0, started - t0, w.cpuNanos() - cpu0, members, "nested, per member");
    }

    private PerMember perMember(RedisStats s0, RedisStats s1, long own0, long nanos, long enqueueNanos, long workerNanos,
            int jobs, String label) {
        if (ctx.options().verbose()) {
            Log.progress(s1.perJob(s0, label, jobs));
        }
        long own = ctx.server().probeCommands() - own0;
        return new PerMember(nanos / 1e3 / jobs, enqueueNanos / 1e3 / jobs, s1.cpuSince(s0) * 1e6 / jobs, workerNanos / 1e3 / jobs,
                (double) (s1.commandsSince(s0) - own) / jobs);
    }
}
