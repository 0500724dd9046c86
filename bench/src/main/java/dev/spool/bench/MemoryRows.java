package dev.spool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row 6: Redis {@code used_memory} per job, waiting and after it finished (results kept or
 * discarded), against the size of the packed payload.
 */
final class MemoryRows implements Scenario {

    private final Context ctx;

    MemoryRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        int jobs = ctx.options().sizes().memoryJobs();
        SpoolSide spool = ctx.spool();
        BenchServer server = ctx.server();
        spool.ensureWorkers(1);
        List<Double> waiting = new ArrayList<>(), finished = new ArrayList<>(), discarded = new ArrayList<>();
        double payload = 0;
        double args = 0;
        for (int i = 0; i < jobs; i++) {
            String json = "[" + i + "]";
            args += json.length();
            payload += BenchTasksTasks.NOOP.name().length() + "\n0\n\n".length() + json.length();
        }
        payload /= jobs;
        args /= jobs;
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            for (boolean keep : new boolean[] {true, false}) {
                String ns = spool.freshNamespace();
                long m0 = server.usedMemory();
                spool.fill(ns, jobs);
                long m1 = server.usedMemory();
                spool.drainer().drain(ns, 1, 16, keep, -1, jobs, false);
                long m2 = server.usedMemory();
                if (keep) {
                    waiting.add((double) (m1 - m0) / jobs);
                    finished.add((double) (m2 - m0) / jobs);
                } else {
                    discarded.add((double) (m2 - m0) / jobs);
                }
                Log.progress("6. memory, run %d/%d (%s): %.1f B per waiting job, %.1f B per finished job", r, runs,
                        keep ? "results kept" : "results discarded", (double) (m1 - m0) / jobs, (double) (m2 - m0) / jobs);
            }
        }
        Stat w = Stat.of(waiting);
        Report report = ctx.report();
        report.line(String.format(Locale.ROOT, "6. Redis memory per waiting job (%s jobs; packed payload %.1f B, of which"
                + " arguments %.1f B)", Log.fmt(jobs), payload, args), w.show("%.1f") + " B; beyond the packed payload "
                + String.format(Locale.ROOT, "%.1f B", w.median() - payload), "", "", "");
        report.line("6. Redis memory per finished job, result kept (record with result, TTL)",
                Stat.of(finished).show("%.1f") + " B", "", "", "");
        report.line("6. Redis memory per finished job, results discarded (keepResults(false))",
                Stat.of(discarded).show("%.1f") + " B", "", "", "");
        server.flush();
    }
}
