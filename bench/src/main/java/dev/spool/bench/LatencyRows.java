package dev.spool.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Row 4: enqueue-to-start latency at a steady rate, one worker with concurrency 16 and the {@code
 * Worker}'s defaults; each job carries its enqueue time, the worker records when it started.
 */
final class LatencyRows implements Scenario {

    private final Context ctx;

    LatencyRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        int seconds = ctx.options().sizes().latencySeconds();
        // Not recorded: 10,000 jobs through a fresh worker JVM and this one first, so that the first
        // line does not measure the JIT (run first, the 200 jobs/s line's p99 was 0.3-1 ms higher
        // than the same line run again after the others).
        Log.progress("4. warm-up, not recorded: 10,000 jobs at 2,000 jobs/s");
        ctx.spool().latency(2000, 5, -1);
        line(200, seconds, -1);
        line(1000, Math.max(1, seconds / 2), -1);
        line(200, seconds, 0);
    }

    /** One line of the row; {@code prefetch} negative for the {@code Worker}'s default. */
    private void line(int rate, int seconds, int prefetch) throws Exception {
        String name = "4. latency enqueue to start at a steady " + Log.fmt(rate) + " jobs/s (" + seconds
                + " s, 1 worker, concurrency 16" + (prefetch < 0 ? ")" : ", prefetch(" + prefetch + "): no buffer)");
        List<Double> p50 = new ArrayList<>(), p99 = new ArrayList<>(), p999 = new ArrayList<>(), max = new ArrayList<>();
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            Contender.Latency l = ctx.spool().latency(rate, seconds, prefetch);
            p50.add(l.p50());
            p99.add(l.p99());
            p999.add(l.p999());
            max.add(l.max());
            Log.progress("%s: run %d/%d: %d samples, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms", name, r, runs,
                    l.samples(), l.p50(), l.p99(), l.p999(), l.max());
        }
        ctx.report().line(name, "p50 " + Stat.of(p50).show("%.3f") + " ms; p99 " + Stat.of(p99).show("%.3f") + " ms; p99.9 "
                + Stat.of(p999).show("%.3f") + " ms; max " + Stat.of(max).show("%.2f") + " ms", "", "", "");
    }
}
