package dev.spool.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One Spool worker JVM ({@link BenchWorker}), driven over its stdin; replies start with {@code @@}. */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter in;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();

    WorkerProcess(int n, String redisUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xms256m", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), BenchWorker.class.getName(), redisUrl)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("@@ ")) {
                        replies.add(line.substring(3));
                    } else {
                        System.out.println("[worker " + n + "] " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "bench-worker-reader-" + n);
        reader.setDaemon(true);
        reader.start();
        expect("READY");
        Log.progress("Spool worker process " + n + " started (pid " + process.pid() + ")");
    }

    /**
     * Builds a worker (not started) on {@code ns}'s queue {@code bench}.
     *
     * @param prefetch the worker's prefetch, or negative for the {@code Worker}'s default
     */
    void prepare(String ns, int concurrency, boolean keep, int prefetch) throws InterruptedException {
        call("PREPARE " + ns + " " + concurrency + " " + (keep ? "keep" : "discard") + (prefetch >= 0 ? " " + prefetch : ""),
                "PREPARED");
    }

    /** The worker's defaults with only {@code concurrency} (and results kept or not) set. */
    void prepare(String ns, int concurrency, boolean keep) throws InterruptedException {
        prepare(ns, concurrency, keep, -1);
    }

    void send(String command) {
        in.println(command);
    }

    String[] expect(String word) throws InterruptedException {
        String reply = replies.poll(3, TimeUnit.MINUTES);
        if (reply == null || !reply.startsWith(word)) {
            throw new IllegalStateException("worker replied " + reply + ", expected " + word);
        }
        return reply.split(" ");
    }

    String[] call(String command, String word) throws InterruptedException {
        send(command);
        return expect(word);
    }

    /** The stamp task's latencies: {@code LAT samples p50 p99 p99.9 max} (µs). */
    String[] latencies() throws InterruptedException {
        return call("LAT", "LAT");
    }

    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        try {
            send("EXIT");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (Exception e) {
            process.destroy();
        }
    }
}
