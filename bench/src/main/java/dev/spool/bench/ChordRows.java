package dev.spool.bench;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Row 5: a chord of no-op members and a callback, from the moment before the chord is enqueued to
 * the callback's start, compared with the same number of plain no-op jobs measured the same way in
 * the same run on the same worker: from the moment before they are enqueued ({@code enqueueAll},
 * pipelined like the chord's members) until the last one finished (ready and active empty, polled
 * every 1 ms). Both include enqueueing, fetching, running and completing every job; the chord adds
 * the joins and its callback's release and fetch.
 */
final class ChordRows implements Scenario {

    private final Context ctx;

    ChordRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        int members = ctx.options().sizes().chordMembers();
        SpoolSide spool = ctx.spool();
        BenchServer server = ctx.server();
        spool.ensureWorkers(1);
        List<Double> total = new ArrayList<>(), plainTotal = new ArrayList<>(), enqueue = new ArrayList<>();
        List<Double> chordCpu = new ArrayList<>(), plainCpu = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        List<Object[]> plainArgs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            inputs.add(i);
            plainArgs.add(new Object[] {i});
        }
        int warmUps = 3; // the chord path of the client and the worker JVMs is warmed up first, not counted
        int runs = 2 * ctx.options().runs() + 1; // one chord takes ~50 ms: more samples against the noise
        for (int r = 1; r <= runs + warmUps; r++) {
            String ns = spool.freshNamespace();
            WorkerProcess w = spool.worker(0);
            w.prepare(ns, 16, true);
            w.call("GO", "GOING");
            try (Spool client = spool.client(ns)) {
                RedisStats s0 = server.stats();
                long p0 = System.nanoTime();
                client.enqueueAll(BenchTasksTasks.NOOP, JobOptions.defaults(), plainArgs);
                double plainEnqueueMs = (System.nanoTime() - p0) / 1e6;
                spool.waitEmpty(ns);
                double plainMs = (System.nanoTime() - p0) / 1e6;
                RedisStats s1 = server.stats();
                long t0 = BenchTasks.nowMicros();
                long e0 = System.nanoTime();
                Workflow.chordOver(client, BenchTasksTasks.NOOP, inputs, x -> new Object[] {x})
                        .callback(BenchTasksTasks.CHORD_DONE, t0).start();
                double enqueueMs = (System.nanoTime() - e0) / 1e6;
                double chordMs = callbackStart(w);
                spool.waitEmpty(ns); // the callback's own completion
                RedisStats s2 = server.stats();
                if (ctx.options().verbose()) {
                    Log.progress(s1.perJob(s0, "plain, per job", members));
                    Log.progress(s2.perJob(s1, "chord, per member", members));
                }
                double plainUs = s1.cpuSince(s0) * 1e6 / members;
                double chordUs = s2.cpuSince(s1) * 1e6 / members;
                if (r > warmUps) {
                    plainCpu.add(plainUs);
                    chordCpu.add(chordUs);
                    total.add(chordMs);
                    plainTotal.add(plainMs);
                    enqueue.add(enqueueMs);
                }
                Log.progress("5. chord of %d members, run %d/%d%s: enqueue to callback start %.1f ms (enqueue %.1f ms);"
                        + " %d plain jobs enqueue to last done %.1f ms (enqueue %.1f ms); ratio %.2fx; Redis CPU per member"
                        + " %.1f µs vs per plain job %.1f µs", members, Math.max(0, r - warmUps), runs,
                        r <= warmUps ? " (warm-up)" : "", chordMs, enqueueMs, members, plainMs, plainEnqueueMs,
                        chordMs / plainMs, chordUs, plainUs);
            }
            w.call("STOP", "STOPPED");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < total.size(); i++) {
            ratios.add(total.get(i) / plainTotal.get(i));
        }
        Stat t = Stat.of(total);
        String vsRow1 = "";
        double row1Rate = ctx.report().row1Rate();
        if (!Double.isNaN(row1Rate)) {
            double perMember = t.median() * 1000 / members; // µs
            double plain = 1e6 / row1Rate;
            vsRow1 = String.format(Locale.ROOT, "; vs row 1's throughput (%.1f µs per job, enqueue not included) %.2fx",
                    plain, perMember / plain);
        }
        ctx.report().line("5. chord of " + Log.fmt(members) + " noop members + callback (1 worker, concurrency 16): enqueue"
                + " to callback start, vs " + Log.fmt(members) + " plain noop jobs enqueue to last done (same run)",
                t.show("%.1f") + " ms (of which enqueue " + Stat.of(enqueue).show("%.1f") + " ms) vs "
                        + Stat.of(plainTotal).show("%.1f") + " ms plain = " + Stat.of(ratios).show("%.2f") + "x per member"
                        + vsRow1,
                "chord " + Stat.of(chordCpu).show("%.1f") + " per member vs plain " + Stat.of(plainCpu).show("%.1f"), "", "");
    }

    /** Waits for the callback's start and returns how long after the chord's enqueue it came (ms). */
    private static double callbackStart(WorkerProcess w) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String[] lat = w.latencies();
        while (Long.parseLong(lat[1]) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chord's callback did not start within 2 minutes");
            }
            LockSupport.parkNanos(1_000_000);
            lat = w.latencies();
        }
        return Long.parseLong(lat[2]) / 1000.0;
    }
}
