package dev.spool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Rows 9 to 15: Spool next to BullMQ with the same protocol, on the same Redis, in the same run,
 * their runs interleaved (Spool, BullMQ, Spool, ...) so that the load of a shared machine falls on
 * both alike. Spool runs with the {@code Worker}'s defaults but for the concurrency (and {@code
 * keepResults(false)} for "results removed"). Each row adds the figures of both to the detail table
 * and Spool ÷ BullMQ to the comparison table; without the peer, Spool's figures alone.
 */
final class VersusRows implements Scenario {

    @FunctionalInterface
    private interface Measure<T> {
        T on(Contender c) throws Exception;
    }

    /** One contender's runs of one row. */
    private record Runs<T>(Contender contender, List<T> values) {
        Stat stat(ToDoubleFunction<T> figure) {
            List<Double> v = new ArrayList<>();
            for (T t : values) {
                v.add(figure.applyAsDouble(t));
            }
            return Stat.of(v);
        }
    }

    private final Context ctx;
    private final List<Contender> contenders = new ArrayList<>();

    VersusRows(Context ctx) {
        this.ctx = ctx;
        contenders.add(ctx.spool());
        if (ctx.peer() != null) {
            contenders.add(ctx.peer());
        }
    }

    @Override
    public void run(int row) throws Exception {
        BenchOptions.Sizes sizes = ctx.options().sizes();
        switch (row) {
            case 9 -> {
                for (int c : new int[] {16, 50}) {
                    for (boolean keep : new boolean[] {true, false}) {
                        backlog(c, keep, sizes.backlog());
                    }
                }
            }
            case 10 -> {
                String name = "10. bulk enqueue, " + Log.fmt(sizes.enqueueBulk()) + " jobs in calls of 1,000 (enqueueAll vs"
                        + " addBulk), no worker";
                List<Runs<Contender.Rate>> runs = measure(name, c -> c.bulkEnqueue(sizes.enqueueBulk(), SpoolSide.BATCH));
                rates(name, runs, Report.Target.atLeast(8.0));
            }
            case 11 -> {
                String name = "11. one awaited enqueue at a time, " + Log.fmt(sizes.awaited()) + " jobs (stub + Job.await vs"
                        + " add + waitUntilFinished), 1 worker, concurrency 16";
                List<Runs<Contender.Rate>> runs = measure(name, c -> c.awaitedOneAtATime(sizes.awaited()));
                rates(name, runs, Report.Target.atLeast(2.0));
            }
            case 12 -> latency(sizes.latencySeconds());
            case 13 -> {
                String name = "13. Redis bytes per waiting job (" + Log.fmt(sizes.memoryJobs()) + " no-op jobs, no worker)";
                List<Runs<Double>> runs = measure(name, c -> c.bytesPerWaitingJob(sizes.memoryJobs()));
                compare(name, runs, v -> v, "%.1f B", null, null);
            }
            case 14 -> {
                String name = "14. " + Log.fmt(sizes.workflows()) + " workflows of 1 callback + 10 members (chord vs"
                        + " FlowProducer parent + 10 children), enqueued one at a time, 1 worker, concurrency 16";
                List<Runs<Contender.Rate>> runs = measure(name, c -> c.workflows(sizes.workflows(), 10));
                rates(name, runs, Report.Target.atLeast(3.0));
            }
            case 15 -> scaling(sizes.backlog());
            default -> throw new IllegalArgumentException("no comparison row " + row);
        }
    }

    private void backlog(int concurrency, boolean keep, int jobs) throws Exception {
        String name = "9. backlog of " + Log.fmt(jobs) + " no-op jobs, 1 worker, concurrency " + concurrency
                + (keep ? ", results kept" : ", results removed");
        List<Runs<Contender.Throughput>> runs = measure(name, c -> c.backlog(jobs, 1, concurrency, keep));
        boolean headline = concurrency == 16;
        compare(name + ": jobs/s", runs, Contender.Throughput::rate, "%,.0f jobs/s",
                headline ? Report.Target.atLeast(keep ? 3.0 : 5.0) : null, null);
        compare(name + ": Redis CPU per job", runs, Contender.Throughput::redisCpuUs, "%.1f µs",
                headline && keep ? Report.Target.atMost(0.30) : null, null);
        throughputLines(name, runs);
    }

    private void scaling(int jobs) throws Exception {
        List<Double> spoolRates = new ArrayList<>();
        List<Double> spoolBusy = new ArrayList<>();
        for (int n : new int[] {1, 2, 4}) {
            String name = "15. scaling: " + n + " worker process(es), concurrency 16 each, backlog of " + Log.fmt(jobs)
                    + ", results kept";
            List<Runs<Contender.Throughput>> runs = measure(name, c -> c.backlog(jobs, n, 16, true));
            spoolRates.add(runs.get(0).stat(Contender.Throughput::rate).median());
            spoolBusy.add(runs.get(0).stat(Contender.Throughput::redisBusy).median());
            String verdict = n == 1 ? "Spool rises until Redis CPU saturates" : scalingVerdict(spoolRates, spoolBusy);
            compare(name + ": jobs/s (Redis CPU busy)", runs, Contender.Throughput::rate, "%,.0f jobs/s", null, verdict,
                    r -> String.format(Locale.ROOT, " (Redis %.0f%%)", 100 * r.stat(Contender.Throughput::redisBusy).median()));
            throughputLines(name, runs);
        }
    }

    /** Whether Spool's last step up in processes still gained, or Redis was already saturated. */
    private static String scalingVerdict(List<Double> rates, List<Double> busy) {
        int last = rates.size() - 1;
        double gain = rates.get(last) / rates.get(last - 1) - 1;
        boolean saturated = busy.get(last - 1) >= 0.9;
        return String.format(Locale.ROOT, "Spool %+.0f%% over half the processes; %s", 100 * gain,
                gain > 0.05 ? "rises" : saturated ? "no gain, Redis was saturated" : "no gain before Redis saturated");
    }

    private void latency(int seconds) throws Exception {
        String name = "12. enqueue to start at a steady 200 jobs/s (" + seconds + " s, 1 worker, concurrency 16)";
        List<Runs<Contender.Latency>> runs = measure(name, c -> c.latency(200, seconds));
        compare(name + ": p99", runs, Contender.Latency::p99, "%.3f ms", Report.Target.atMost(0.5), null);
        compare(name + ": p50", runs, Contender.Latency::p50, "%.3f ms", null, null);
        for (Runs<Contender.Latency> r : runs) {
            ctx.report().line(name + ", " + r.contender().name(), "p50 " + r.stat(Contender.Latency::p50).show("%.3f")
                    + " ms; p99 " + r.stat(Contender.Latency::p99).show("%.3f") + " ms; p99.9 "
                    + r.stat(Contender.Latency::p999).show("%.3f") + " ms; max " + r.stat(Contender.Latency::max).show("%.2f")
                    + " ms", "", "", "");
        }
    }

    private void rates(String name, List<Runs<Contender.Rate>> runs, Report.Target target) {
        compare(name + ": jobs/s", runs, Contender.Rate::rate, "%,.0f jobs/s", target, null);
        compare(name + ": Redis CPU per job", runs, Contender.Rate::redisCpuUs, "%.1f µs", null, null);
        for (Runs<Contender.Rate> r : runs) {
            ctx.report().line(name + ", " + r.contender().name(), r.stat(Contender.Rate::rate).show("%,.0f") + " jobs/s",
                    r.stat(Contender.Rate::redisCpuUs).show("%.1f"), "", r.stat(Contender.Rate::commands).show("%.2f"));
        }
    }

    private void throughputLines(String name, List<Runs<Contender.Throughput>> runs) {
        for (Runs<Contender.Throughput> r : runs) {
            ctx.report().line(name + ", " + r.contender().name(), r.stat(Contender.Throughput::rate).show("%,.0f") + " jobs/s",
                    r.stat(Contender.Throughput::redisCpuUs).show("%.1f"), r.stat(Contender.Throughput::workerCpuUs).show("%.1f"),
                    r.stat(Contender.Throughput::commands).show("%.2f") + " ("
                            + r.stat(Contender.Throughput::roundTrips).show("%.3f") + ")");
        }
    }

    private <T> void compare(String name, List<Runs<T>> runs, ToDoubleFunction<T> figure, String format,
            Report.Target target, String note) {
        compare(name, runs, figure, format, target, note, r -> "");
    }

    /** Adds Spool ÷ peer of the medians of {@code figure} to the comparison table. */
    private <T> void compare(String name, List<Runs<T>> runs, ToDoubleFunction<T> figure, String format,
            Report.Target target, String note, Function<Runs<T>, String> suffix) {
        Stat spool = runs.get(0).stat(figure);
        String spoolCell = spool.show(format) + suffix.apply(runs.get(0));
        if (runs.size() < 2) {
            ctx.report().compare(name, spoolCell, "not run", Double.NaN, target, note);
            return;
        }
        Stat peer = runs.get(1).stat(figure);
        ctx.report().compare(name, spoolCell, peer.show(format) + suffix.apply(runs.get(1)), spool.median() / peer.median(),
                target, note);
    }

    /** Runs {@code measure} on every contender, interleaved, {@code runs} times. */
    private <T> List<Runs<T>> measure(String name, Measure<T> measure) throws Exception {
        List<Runs<T>> all = new ArrayList<>();
        for (Contender c : contenders) {
            all.add(new Runs<>(c, new ArrayList<>()));
        }
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            for (Runs<T> each : all) {
                T value = measure.on(each.contender());
                each.values().add(value);
                String shown = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
                Log.progress("%s: %s, run %d/%d: %s, load %s", name, each.contender().name(), r, runs, shown, Log.load());
            }
        }
        return all;
    }
}
