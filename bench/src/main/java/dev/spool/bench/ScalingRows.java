package dev.spool.bench;

/**
 * Row 7: Spool's throughput by queue size (10,000 jobs drained; the first 100,000 of 1,000,000
 * waiting) and by worker processes (1, 2, 4, concurrency 16 each), with the {@code Worker}'s
 * defaults.
 */
final class ScalingRows implements Scenario {

    private final Context ctx;

    ScalingRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        BenchOptions.Sizes sizes = ctx.options().sizes();
        ctx.spool().ensureWorkers(1);
        EndToEndRows.measure(ctx, "7. scaling: 10,000 waiting, drained, 1 worker, concurrency 16", 1, 16, true, -1, 10_000,
                false, 0);
        if (sizes.millionBacklog()) {
            EndToEndRows.measure(ctx, "7. scaling: 1,000,000 waiting, first 100,000 run, 1 worker, concurrency 16",
                    1, 16, true, -1, 100_000, false, 1_000_000);
        } else {
            ctx.report().line("7. scaling: 1,000,000 waiting, first 100,000 run",
                    "skipped (" + ctx.options().mode() + " mode)", "", "", "");
        }
        for (int n : new int[] {1, 2, 4}) {
            ctx.spool().ensureWorkers(n);
            EndToEndRows.measure(ctx, "7. scaling: " + n + " worker process(es), concurrency 16 each, "
                    + Log.fmt(sizes.e2eJobs()) + " queued", n, 16, true, -1, sizes.e2eJobs(), false, 0);
        }
    }
}
