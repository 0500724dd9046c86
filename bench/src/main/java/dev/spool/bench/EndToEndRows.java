package dev.spool.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows 1 and 2: Spool end to end with one worker process, its jobs queued first (row 1) or
 * enqueued in bulk while it runs (row 2). The {@code Worker}'s defaults with only the concurrency
 * (and results kept or discarded) set; row 1 adds one line without the prefetch buffer (prefetch(0)), labelled so.
 * Row 7 (scaling) measures the same way, through {@link #measure}.
 */
final class EndToEndRows implements Scenario {

    private final Context ctx;

    EndToEndRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        int jobs = ctx.options().sizes().e2eJobs();
        ctx.spool().ensureWorkers(1);
        if (row == 1) {
            for (int c : new int[] {16, 64}) {
                for (boolean keep : new boolean[] {true, false}) {
                    Contender.Throughput t = measure(ctx, "1. end to end, " + Log.fmt(jobs) + " queued first, 1 worker,"
                            + " concurrency " + c + (keep ? ", results kept" : ", results discarded"), 1, c, keep, -1, jobs,
                            false, 0);
                    if (c == 16 && keep) {
                        ctx.report().row1(t.commands(), t.rate());
                    }
                }
            }
            measure(ctx, "1. end to end, " + Log.fmt(jobs) + " queued first, 1 worker, concurrency 16, results kept,"
                    + " prefetch(0): no buffer (the default is prefetch = concurrency)", 1, 16, true, 0, jobs, false, 0);
        } else {
            for (int c : new int[] {16, 64}) {
                measure(ctx, "2. end to end while enqueuing (bulk, 1 producer thread), concurrency " + c + ", results kept",
                        1, c, true, -1, jobs, true, 0);
            }
        }
    }

    /**
     * Measures one line over the runs and adds it to the report; returns the medians.
     *
     * @param prefetch the workers' prefetch, or negative for the {@code Worker}'s default
     * @param concurrent whether the jobs are enqueued while the workers run
     * @param backlog when positive, the size of a backlog (filled once, topped up between runs) of
     *     which {@code jobs} are run
     */
    static Contender.Throughput measure(Context ctx, String name, int nWorkers, int concurrency, boolean keep,
            int prefetch, int jobs, boolean concurrent, int backlog) throws Exception {
        SpoolSide spool = ctx.spool();
        List<Double> rate = new ArrayList<>();
        List<Double> redisCpu = new ArrayList<>();
        List<Double> workerCpu = new ArrayList<>();
        List<Double> cmds = new ArrayList<>();
        List<Double> calls = new ArrayList<>();
        String ns = null;
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            Contender.Throughput d;
            if (backlog > 0) {
                // one namespace for every run: fill once, then top up what the previous run took
                if (ns == null) {
                    ns = spool.freshNamespace();
                    Log.progress(name + ": filling " + Log.fmt(backlog) + " jobs");
                    spool.fill(ns, backlog);
                } else {
                    spool.fill(ns, (int) Math.max(0, backlog - spool.waiting(ns)));
                }
                d = spool.drainer().drain(ns, nWorkers, concurrency, keep, prefetch, jobs, false);
            } else {
                String fresh = spool.freshNamespace();
                if (!concurrent) {
                    spool.fill(fresh, jobs);
                }
                d = spool.drainer().drain(fresh, nWorkers, concurrency, keep, prefetch, jobs, concurrent);
            }
            rate.add(d.rate());
            redisCpu.add(d.redisCpuUs());
            workerCpu.add(d.workerCpuUs());
            cmds.add(d.commands());
            calls.add(d.roundTrips());
            Log.progress("%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job, worker CPU %.1f µs/job, %.2f Redis commands/job"
                    + " (%.3f calls/job), load %s", name, r, runs, Log.fmt(d.rate()), d.redisCpuUs(), d.workerCpuUs(),
                    d.commands(), d.roundTrips(), Log.load());
        }
        if (backlog > 0) {
            ctx.server().flush();
        }
        ctx.report().line(name, Stat.of(rate).show("%,.0f") + " jobs/s", Stat.of(redisCpu).show("%.1f"),
                Stat.of(workerCpu).show("%.1f"), Stat.of(cmds).show("%.2f") + " (" + Stat.of(calls).show("%.3f") + ")");
        return new Contender.Throughput(Stat.of(rate).median(), Stat.of(redisCpu).median(), Stat.of(workerCpu).median(),
                Stat.of(cmds).median(), Stat.of(calls).median(), Double.NaN, jobs);
    }
}
