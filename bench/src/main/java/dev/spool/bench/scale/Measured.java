package dev.spool.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One child process timed by {@code /usr/bin/time}: wall seconds, CPU seconds (user + system) and
 * peak resident memory; its output is kept in a log file and returned.
 */
record Measured(double wallSeconds, double cpuSeconds, long maxRssKb, String output) {

    private static final Path TIME = Path.of("/usr/bin/time");

    /** Runs {@code command}; fails with its output if it exits with an error. */
    static Measured run(List<String> command, Path log) throws IOException, InterruptedException {
        Path times = Files.createTempFile("spool-scale-time-", ".txt");
        List<String> full = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            full.addAll(List.of(TIME.toString(), "-o", times.toString(), "-f", "%e %U %S %M"));
        }
        full.addAll(command);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (code != 0) {
            throw new IllegalStateException("exit code " + code + " from " + String.join(" ", command)
                    + "\n" + output.substring(0, Math.min(output.length(), 4000)));
        }
        if (!timed) {
            return new Measured(wall, Double.NaN, -1, output);
        }
        String[] fields = Files.readString(times).trim().split("\\s+");
        Files.deleteIfExists(times);
        int n = fields.length;
        return new Measured(Double.parseDouble(fields[n - 4]),
                Double.parseDouble(fields[n - 3]) + Double.parseDouble(fields[n - 2]),
                Long.parseLong(fields[n - 1]), output);
    }

    String cpu() {
        return String.format(Locale.ROOT, "%.1f s", cpuSeconds);
    }

    String wall() {
        return String.format(Locale.ROOT, "%.1f s", wallSeconds);
    }

    String rss() {
        return maxRssKb < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", maxRssKb / 1024);
    }
}
