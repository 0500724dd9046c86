package dev.spool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Row 8: the ceiling of this Redis on this machine, {@code redis-benchmark} LPUSH and LPOP with 50
 * clients, unpipelined and pipelined 16, and Spool's row 1 against it by commands per job.
 */
final class CeilingRows implements Scenario {

    private static final Pattern RATE = Pattern.compile("(LPUSH|LPOP): ([0-9.]+) requests per second");

    private final Context ctx;

    CeilingRows(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(int row) throws Exception {
        Path binary = Path.of("/usr/bin/redis-benchmark");
        Report report = ctx.report();
        if (!Files.isExecutable(binary)) {
            report.line("8. ceiling: redis-benchmark", "skipped (no " + binary + ")", "", "", "");
            return;
        }
        Map<String, List<Double>> rates = new TreeMap<>();
        int runs = ctx.options().runs();
        for (int r = 1; r <= runs; r++) {
            for (int pipeline : new int[] {1, 16}) {
                BenchOptions.Sizes sizes = ctx.options().sizes();
                int n = pipeline == 1 ? sizes.ceilingOps() : sizes.ceilingPipelinedOps();
                ctx.server().flush();
                List<String> cmd = List.of(binary.toString(), "-h", "127.0.0.1", "-p", Integer.toString(ctx.server().port()),
                        "-c", "50", "-n", Integer.toString(n), "-P", Integer.toString(pipeline), "-t", "lpush,lpop", "-q");
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroy();
                    throw new IllegalStateException("redis-benchmark did not finish");
                }
                Matcher m = RATE.matcher(output.replace('\r', '\n'));
                while (m.find()) {
                    String k = m.group(1) + (pipeline == 1 ? " unpipelined" : " pipelined 16");
                    double rate = Double.parseDouble(m.group(2));
                    rates.computeIfAbsent(k, x -> new ArrayList<>()).add(rate);
                    Log.progress("8. redis-benchmark run %d/%d: %s (50 clients): %s ops/s", r, runs, k, Log.fmt(rate));
                }
            }
        }
        ctx.server().flush();
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            report.line("8. ceiling: redis-benchmark " + e.getKey() + ", 50 clients",
                    Stat.of(e.getValue()).show("%,.0f") + " ops/s", "", "", "");
        }
        double cmdsPerJob = report.row1Commands();
        if (Double.isNaN(cmdsPerJob)) {
            report.note("Row 8's fraction needs row 1 (commands per job).");
            return;
        }
        for (String mode : new String[] {"unpipelined", "pipelined 16"}) {
            List<Double> push = rates.get("LPUSH " + mode);
            List<Double> pop = rates.get("LPOP " + mode);
            if (push == null || pop == null) {
                continue;
            }
            double ceiling = (Stat.of(push).median() + Stat.of(pop).median()) / 2 / cmdsPerJob;
            report.line(String.format(Locale.ROOT, "8. Spool vs ceiling (%s): %.2f Redis commands per job (incl. inside Lua)",
                    mode, cmdsPerJob), String.format(Locale.ROOT, "ceiling %s jobs/s; Spool (row 1, c16, kept) %s jobs/s = %.0f%%",
                    Log.fmt(ceiling), Log.fmt(report.row1Rate()), 100 * report.row1Rate() / ceiling), "", "", "");
        }
    }
}
