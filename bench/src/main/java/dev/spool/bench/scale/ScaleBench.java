package dev.spool.bench.scale;

import dev.spool.bench.BenchServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spool at the size of a large code base: javac with and without the processor over generated
 * trees of 100 to 10,000 tasks, one class of 500 tasks, the cost of workflow references, and a
 * worker's start-up and memory with thousands of tasks. See docs/benchmarks.md, "Large codebases".
 *
 * <pre>
 * ScaleBench [--sizes 100,1000,5000] [--one-class 500] [--workflow-tasks 10000]
 *            [--worker-sizes 100,5000] [--runs 1] [--processor-path PATH] [--label after]
 * </pre>
 * A size of 0 (or an empty list) leaves the row out. The processor comes from the benchmark's own
 * class path unless {@code --processor-path} names another build of it (to measure before and
 * after on the same machine). The table goes to stdout and {@code target/scale-<label>.md}.
 */
public final class ScaleBench {

    private static final Pattern PROBE = Pattern.compile("PROBE (.*)");
    private static final Pattern STARTED = Pattern.compile("(?m)^.* started: .*$");

    private final Javac javac;
    private final Path work;
    private final int runs;
    private final List<String> rows = new ArrayList<>();

    private ScaleBench(Javac javac, Path work, int runs) {
        this.javac = javac;
        this.work = work;
        this.runs = runs;
    }

    /** Runs the rows the arguments ask for. */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(100, 1000, 5000);
        int oneClass = 500;
        int workflowTasks = 10_000;
        List<Integer> workerSizes = List.of(100, 5000);
        int runs = 1;
        String classPath = System.getProperty("java.class.path");
        String processorPath = classPath;
        String label = "after";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--one-class" -> oneClass = Integer.parseInt(args[++i]);
                case "--workflow-tasks" -> workflowTasks = Integer.parseInt(args[++i]);
                case "--worker-sizes" -> workerSizes = ints(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--processor-path" -> processorPath = args[++i];
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createDirectories(Path.of("target", "scale"));
        ScaleBench bench = new ScaleBench(new Javac(classPath, processorPath), work, runs);
        progress("javac " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load " + load() + ", runs " + runs + ", label " + label);
        bench.header();
        for (int size : sizes) {
            if (size > 0) {
                bench.tree(size);
            }
        }
        if (oneClass > 0) {
            bench.oneClass(oneClass);
        }
        if (workflowTasks > 0) {
            bench.workflows(workflowTasks);
        }
        if (!workerSizes.isEmpty() && workerSizes.get(0) > 0) {
            try (BenchServer server = BenchServer.start()) {
                for (int size : workerSizes) {
                    bench.worker(size, server.url(), classPath);
                }
            }
        }
        String table = String.join("\n", bench.rows) + "\n";
        System.out.println(table);
        Files.writeString(Path.of("target", "scale-" + label + ".md"), table);
    }

    private void header() {
        rows.add("| row | javac, no processor (CPU) | javac + Spool (CPU, wall) | extra CPU per task | javac peak RSS | generated lines |");
        rows.add("|---|---|---|---|---|---|");
    }

    /** A tree of {@code size} tasks with its workflows, with and without the processor. */
    private void tree(int size) throws Exception {
        Path src = work.resolve("src-" + size);
        Javac.delete(src);
        List<Path> sources = SourceTree.write(src, size, true);
        compareRow(size + " tasks (" + size / 10 + " classes, " + (size / 100 + (size % 100 == 0 ? 0 : 1))
                + " workflow interfaces)", sources, size, "tree-" + size);
    }

    private void oneClass(int tasks) throws Exception {
        Path src = work.resolve("src-one-" + tasks);
        Javac.delete(src);
        compareRow("one class of " + tasks + " tasks", SourceTree.writeOneClass(src, tasks), tasks, "one-" + tasks);
    }

    private void compareRow(String row, List<Path> sources, int tasks, String name) throws Exception {
        List<Measured> without = new ArrayList<>();
        List<Measured> with = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            without.add(javac.compile(sources, work.resolve(name + "-plain"), false));
            with.add(javac.compile(sources, work.resolve(name), true));
        }
        double plain = median(without, Measured::cpuSeconds);
        double spool = median(with, Measured::cpuSeconds);
        rows.add(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s, %.1f s | %.2f ms | %,d MiB | %,d |", row, plain,
                spool, median(with, Measured::wallSeconds), (spool - plain) * 1000 / tasks,
                (long) median(with, m -> m.maxRssKb()) / 1024, Javac.generatedLines(work.resolve(name))));
        progress(rows.get(rows.size() - 1));
    }

    /** The processor over {@code tasks} tasks with and without their workflow interfaces. */
    private void workflows(int tasks) throws Exception {
        Path plainSrc = work.resolve("src-nowf-" + tasks);
        Path flowSrc = work.resolve("src-wf-" + tasks);
        Javac.delete(plainSrc);
        Javac.delete(flowSrc);
        List<Path> plain = SourceTree.write(plainSrc, tasks, false);
        List<Path> flows = SourceTree.write(flowSrc, tasks, true);
        List<Measured> without = new ArrayList<>();
        List<Measured> with = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            without.add(javac.compile(plain, work.resolve("wf-none-" + tasks), true));
            with.add(javac.compile(flows, work.resolve("wf-" + tasks), true));
        }
        double a = median(without, Measured::cpuSeconds);
        double b = median(with, Measured::cpuSeconds);
        int interfaces = flows.size() - plain.size();
        rows.add(String.format(Locale.ROOT,
                "| %d workflow interfaces (%d chains + %d chords) over %,d tasks | %.1f s (javac + Spool, no workflows) "
                        + "| %.1f s, %.1f s (with workflows) | extra: %.1f s, %.1f ms per workflow method | %,d MiB | %,d |",
                interfaces, interfaces, interfaces, tasks, a, b, median(with, Measured::wallSeconds), b - a,
                (b - a) * 1000 / (2.0 * interfaces), (long) median(with, m -> m.maxRssKb()) / 1024,
                Javac.generatedLines(work.resolve("wf-" + tasks))));
        progress(rows.get(rows.size() - 1));
    }

    /** A fresh worker JVM over a compiled tree of {@code size} tasks. */
    private void worker(int size, String url, String benchClassPath) throws Exception {
        Path out = work.resolve("tree-" + size);
        if (!Files.isDirectory(out.resolve("classes"))) {
            Path src = work.resolve("src-" + size);
            Javac.delete(src);
            javac.compile(SourceTree.write(src, size, true), out, true);
        }
        if (rows.stream().noneMatch(r -> r.startsWith("| worker"))) {
            rows.add("");
            rows.add("| worker JVM | connect (first, warm) | classes loaded by connect, by build | build (load tables) | start | JVM start to started | heap after GC | process CPU, peak RSS | start log line |");
            rows.add("|---|---|---|---|---|---|---|---|---|");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<List<Double>> figures = new ArrayList<>();
        List<Measured> processes = new ArrayList<>();
        int logLine = 0;
        for (int r = 0; r < runs; r++) {
            Measured m = Measured.run(List.of(java, "-cp", out.resolve("classes") + ":" + benchClassPath,
                    WorkerProbe.class.getName(), url, "scale" + size + "r" + r), work.resolve("probe-" + size + ".log"));
            Matcher probe = PROBE.matcher(m.output());
            if (!probe.find()) {
                throw new IllegalStateException("no figures from the probe:\n" + m.output());
            }
            List<Double> values = new ArrayList<>();
            for (String pair : probe.group(1).split(" ")) {
                values.add(Double.parseDouble(pair.substring(pair.indexOf('=') + 1)));
            }
            figures.add(values);
            processes.add(m);
            Matcher started = STARTED.matcher(m.output());
            logLine = started.find() ? started.group().length() : -1;
        }
        rows.add(String.format(Locale.ROOT,
                "| %,d tasks | %.0f ms, %.1f ms | %,.0f, %,.0f | %.0f ms | %.0f ms | %.0f ms | %,.0f MiB | %.1f s, %,d MiB | %,d chars |",
                size, med(figures, 0), med(figures, 5), med(figures, 6), med(figures, 7), med(figures, 1), med(figures, 2), med(figures, 3),
                med(figures, 4) / 1024, median(processes, Measured::cpuSeconds),
                (long) median(processes, m -> m.maxRssKb()) / 1024, logLine));
        progress(rows.get(rows.size() - 1));
    }

    private static double med(List<List<Double>> runs, int index) {
        return median(runs, values -> values.get(index));
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        double[] sorted = values.stream().mapToDouble(f).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static List<Integer> ints(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(Integer::parseInt).toList();
    }

    private static void progress(String message) {
        System.out.println("[scale " + LocalTime.now().withNano(0) + "] " + message);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
