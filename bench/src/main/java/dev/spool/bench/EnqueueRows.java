package dev.spool.bench;

import dev.spool.Spool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Row 3: enqueue rates with no worker running, one job per stub call (1 and 16 threads) and in bulk. */
final class EnqueueRows implements Scenario {

    private final Context ctx;

    EnqueueRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        BenchOptions.Sizes sizes = ctx.options().sizes();
        String name1 = "3. enqueue, one job per call (generated stub), 1 thread";
        String name16 = "3. enqueue, one job per call (generated stub), 16 threads";
        String nameBulk = "3. enqueue, bulk Spool.enqueueAll, batches of 1,000, 1 thread";
        List<Double> r1 = new ArrayList<>(), c1 = new ArrayList<>();
        List<Double> r16 = new ArrayList<>(), c16 = new ArrayList<>();
        List<Double> rb = new ArrayList<>(), cb = new ArrayList<>(), cmdb = new ArrayList<>();
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            Contender.Rate a = enqueueOne(sizes.enqueueSingle(), 1);
            r1.add(a.rate());
            c1.add(a.redisCpuUs());
            Log.progress("%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job", name1, r, runs, Log.fmt(a.rate()), a.redisCpuUs());
            Contender.Rate b = enqueueOne(sizes.enqueueThreaded(), 16);
            r16.add(b.rate());
            c16.add(b.redisCpuUs());
            Log.progress("%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job", name16, r, runs, Log.fmt(b.rate()), b.redisCpuUs());
            Contender.Rate c = ctx.spool().bulkEnqueue(sizes.enqueueBulk(), SpoolSide.BATCH);
            rb.add(c.rate());
            cb.add(c.redisCpuUs());
            cmdb.add(c.commands());
            Log.progress("%s: run %d/%d: %s jobs/s, Redis CPU %.1f µs/job, %.2f commands/job", nameBulk, r, runs,
                    Log.fmt(c.rate()), c.redisCpuUs(), c.commands());
        }
        Report report = ctx.report();
        report.line(name1, Stat.of(r1).show("%,.0f") + " jobs/s", Stat.of(c1).show("%.1f"), "", "");
        report.line(name16, Stat.of(r16).show("%,.0f") + " jobs/s", Stat.of(c16).show("%.1f"), "", "");
        report.line(nameBulk, Stat.of(rb).show("%,.0f") + " jobs/s", Stat.of(cb).show("%.1f"), "",
                Stat.of(cmdb).show("%.2f"));
    }

    /** Rate and Redis CPU per job: each call waits for its reply, as a stub call does. */
    private Contender.Rate enqueueOne(int jobs, int threads) throws Exception {
        SpoolSide spool = ctx.spool();
        String ns = spool.freshNamespace();
        try (Spool client = spool.client(ns)) {
            BenchTasksTasks tasks = new BenchTasksTasks(client);
            RedisStats before = ctx.server().stats();
            long t0 = System.nanoTime();
            if (threads == 1) {
                for (int i = 0; i < jobs; i++) {
                    tasks.noop(i);
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    int each = jobs / threads;
                    for (int t = 0; t < threads; t++) {
                        int base = t * each;
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < each; i++) {
                                tasks.noop(base + i);
                            }
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(10, TimeUnit.MINUTES);
                    }
                    jobs = each * threads;
                } finally {
                    pool.shutdownNow();
                }
            }
            long t1 = System.nanoTime();
            RedisStats after = ctx.server().stats();
            return new Contender.Rate(jobs / ((t1 - t0) / 1e9), after.cpuSince(before) * 1e6 / jobs, Double.NaN);
        } finally {
            ctx.server().flush();
        }
    }
}
