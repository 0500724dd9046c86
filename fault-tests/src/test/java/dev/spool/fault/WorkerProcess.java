package dev.spool.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FaultWorkerMain} (or a {@link CommandWorkerMain}) in a JVM of its own, that a test can
 * kill, freeze, resume and stop with SIGTERM.
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private String workerId;

    private WorkerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts a worker process and waits until it serves its queue. */
    public static WorkerProcess start(String url, String namespace, Path ledger, long leaseMillis, int concurrency,
            int reclaimLimit) {
        List<String> command = java();
        command.addAll(List.of(FaultWorkerMain.class.getName(), url, namespace, ledger.toString(),
                Long.toString(leaseMillis), Integer.toString(concurrency), Integer.toString(reclaimLimit)));
        return launch(command, ledger, false);
    }

    /**
     * Starts a worker process that runs the worker command, as the generated worker main does, with
     * these options after {@code --redis-url} and {@code --namespace}; waits until it serves its
     * queues.
     */
    public static WorkerProcess command(String url, String namespace, Path ledger, String... options) {
        List<String> command = java();
        command.add(1, "-Dspool.ledger=" + ledger);
        command.addAll(List.of(CommandWorkerMain.class.getName(), "--redis-url", url, "--namespace", namespace));
        command.addAll(List.of(options));
        return launch(command, ledger, true);
    }

    /**
     * Starts another main class of this suite that prints {@code READY <id>} once it runs (as
     * {@link FaultWorkerMain} does), with these arguments; waits for that line.
     */
    public static WorkerProcess main(Class<?> main, Path outputDir, String... args) {
        List<String> command = java();
        command.add(main.getName());
        command.addAll(List.of(args));
        return launch(command, outputDir, false);
    }

    private static List<String> java() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", classPath));
    }

    private static WorkerProcess launch(List<String> command, Path ledger, boolean byStartLine) {
        try {
            Files.createDirectories(ledger);
            Path output = Files.createTempFile(ledger, "worker-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            WorkerProcess worker = new WorkerProcess(process, output);
            worker.awaitReady(Duration.ofSeconds(30), byStartLine);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code READY <worker id>} (FaultWorkerMain) or the worker's own start line (the command). */
    private void awaitReady(Duration timeout, boolean byStartLine) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output().split("\n")) {
                if (!byStartLine && line.startsWith("READY ")) {
                    workerId = line.substring(6).trim();
                    return;
                }
                int started = line.indexOf(" started: ");
                int name = line.indexOf("Worker - ");
                if (byStartLine && started > 0 && name > 0 && name < started) {
                    workerId = line.substring(name + "Worker - ".length(), started);
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("worker process exited with " + process.exitValue() + ":\n" + output());
            }
            sleep(20);
        }
        throw new IllegalStateException("worker process not ready within " + timeout + ":\n" + output());
    }

    /** Everything the process printed (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the worker the process runs. */
    public String workerId() {
        return workerId;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the process dies at once, holding whatever jobs it holds. */
    public void kill9() {
        signal("-KILL");
        waitFor(Duration.ofSeconds(10));
    }

    /** {@code kill -TERM}: asks the process to stop gracefully. */
    public void terminate() {
        signal("-TERM");
    }

    /** The exit code of the process, which must have exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** {@code kill -STOP}: the process freezes (no renewals, no progress). */
    public void freeze() {
        signal("-STOP");
    }

    /** {@code kill -CONT}: a frozen process resumes. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to exit. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "worker process " + process.pid() + " (" + workerId + ")";
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
