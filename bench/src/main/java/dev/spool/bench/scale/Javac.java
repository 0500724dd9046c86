package dev.spool.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the JDK's {@code javac} in a process of its own, with Spool's processor or with
 * {@code -proc:none}, so that its CPU and memory are measured apart from the benchmark's.
 */
final class Javac {

    private final Path javac;
    private final String classPath;
    private final String processorPath;

    /**
     * @param classPath what the sources compile against (Spool's annotations and runtime)
     * @param processorPath where Spool's processor comes from
     */
    Javac(String classPath, String processorPath) {
        this.javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        this.classPath = classPath;
        this.processorPath = processorPath;
    }

    /** Compiles {@code sources} into {@code out} (emptied first), generated sources into {@code out/generated}. */
    Measured compile(List<Path> sources, Path out, boolean withProcessor) throws IOException, InterruptedException {
        delete(out);
        Path classes = Files.createDirectories(out.resolve("classes"));
        Path generated = Files.createDirectories(out.resolve("generated"));
        Path argFile = out.resolve("sources.txt");
        Files.write(argFile, sources.stream().map(Path::toString).toList());
        List<String> command = new ArrayList<>(List.of(javac.toString(), "-J-Xmx3g", "-encoding", "UTF-8",
                "-cp", classPath, "-d", classes.toString(), "-s", generated.toString()));
        if (withProcessor) {
            command.addAll(List.of("-processorpath", processorPath, "-processor", "dev.spool.processor.SpoolProcessor"));
        } else {
            command.add("-proc:none");
        }
        command.add("@" + argFile);
        return Measured.run(command, out.resolve("javac.log"));
    }

    /** Lines of the sources the processor wrote under {@code out}. */
    static long generatedLines(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out.resolve("generated"))) {
            return files.filter(p -> p.toString().endsWith(".java")).mapToLong(p -> {
                try (Stream<String> lines = Files.lines(p)) {
                    return lines.count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
