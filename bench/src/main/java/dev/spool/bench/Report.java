package dev.spool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's tables: the comparison with the peer (Spool ÷ BullMQ per row, with the targets)
 * and every line measured, with the figures later rows refer to (row 1's commands per job and
 * throughput).
 */
final class Report {

    /**
     * A target for Spool ÷ peer.
     *
     * @param atLeast whether the ratio must be at least {@code value} (else at most)
     */
    record Target(boolean atLeast, double value) {
        static Target atLeast(double value) {
            return new Target(true, value);
        }

        static Target atMost(double value) {
            return new Target(false, value);
        }

        boolean met(double ratio) {
            return atLeast ? ratio >= value : ratio <= value;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.2f×", atLeast ? "≥" : "≤", value);
        }
    }

    private record Line(String name, String result, String redisCpu, String workerCpu, String commands, String load) {}

    private record Comparison(String name, String spool, String peer, double ratio, Target target, String note) {}

    private final BenchOptions options;
    private final List<Line> lines = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String peerName = "BullMQ";
    private double row1Commands = Double.NaN;
    private double row1Rate = Double.NaN;

    Report(BenchOptions options) {
        this.options = options;
    }

    /** A line of the detail table; empty cells print as a dash. */
    void line(String name, String result, String redisCpu, String workerCpu, String commands) {
        lines.add(new Line(name, result, redisCpu, workerCpu, commands, Log.load()));
    }

    /**
     * A row of the comparison table.
     *
     * @param ratio Spool ÷ peer, or NaN when the peer did not run
     * @param target null for none
     * @param note what the target column says when there is no numeric target
     */
    void compare(String name, String spool, String peer, double ratio, Target target, String note) {
        comparisons.add(new Comparison(name, spool, peer, ratio, target, note));
    }

    void note(String note) {
        notes.add(note);
    }

    void peerName(String name) {
        peerName = name;
    }

    /** Row 1's Redis commands per job and jobs/s (concurrency 16, results kept, Worker defaults). */
    void row1(double commands, double rate) {
        row1Commands = commands;
        row1Rate = rate;
    }

    double row1Commands() {
        return row1Commands;
    }

    double row1Rate() {
        return row1Rate;
    }

    String render(String machine) {
        StringBuilder md = new StringBuilder();
        md.append("Spool benchmark, ").append(LocalDate.now()).append(", ").append(options.mode()).append(" mode, ")
                .append(options.runs()).append(" run(s) per row: median (min–max)\n\n");
        md.append(machine).append("\n\n");
        if (!comparisons.isEmpty()) {
            md.append("| vs ").append(peerName).append(" (same Redis, same run) | Spool | ").append(peerName)
                    .append(" | Spool ÷ ").append(peerName).append(" | target | verdict |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Comparison c : comparisons) {
                boolean ran = !Double.isNaN(c.ratio);
                String ratio = ran ? String.format(Locale.ROOT, "%.2f×", c.ratio) : "–";
                String target = c.target != null ? c.target.toString() : c.note == null ? "" : c.note;
                String verdict = c.target == null || !ran ? "" : c.target.met(c.ratio) ? "met" : "missed";
                md.append(cells(c.name, c.spool, c.peer, ratio, target, verdict));
            }
            md.append("\n");
        }
        if (!lines.isEmpty()) {
            md.append("| benchmark | result | Redis CPU µs/job | worker CPU µs/job | Redis commands/job (round trips/job) |"
                    + " load (1 min) |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Line l : lines) {
                md.append(cells(l.name, l.result, l.redisCpu, l.workerCpu, l.commands, l.load));
            }
        }
        for (String note : notes) {
            md.append("\n").append(note).append("\n");
        }
        return md.toString();
    }

    private static String cells(String... cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c == null || c.isEmpty() ? "–" : c).append(" |");
        }
        return b.append('\n').toString();
    }

    /** Prints the tables and writes them to {@code target/benchmarks-<mode>.md} (or {@code bench/target/}). */
    void print(String machine) throws IOException {
        String md = render(machine);
        System.out.println();
        System.out.println(md);
        String file = "benchmarks-" + options.mode() + ".md";
        for (Path dir : List.of(Path.of("target"), Path.of("bench", "target"))) {
            if (Files.isDirectory(dir)) {
                Path out = dir.resolve(file);
                Files.writeString(out, md);
                Log.progress("table written to " + out.toAbsolutePath());
                return;
            }
        }
    }
}
