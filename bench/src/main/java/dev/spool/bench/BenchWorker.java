package dev.spool.bench;

import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The worker process of the benchmark: a separate JVM that runs Spool's {@link Worker} with the
 * generated dispatch table ({@code BenchTasksTaskTable}, found through {@code ServiceLoader}).
 * The benchmark drives it over stdin/stdout, one command per line; replies start with {@code @@}:
 *
 * <pre>
 * PREPARE namespace concurrency keep|discard [prefetch]
 *                                              builds a client and a worker (not started) with the
 *                                              Worker's defaults but for these; prefetch only if given
 * GO                                           starts the worker
 * STOP                                         closes the worker and client; replies with the runs
 * RESET                                        forgets the runs and latencies so far
 * LAT                                          latency percentiles of the stamp task (µs)
 * EXIT                                         exits
 * </pre>
 */
public final class BenchWorker {

    private BenchWorker() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Spool spool = null;
        Worker worker = null;
        out.println("@@ READY " + ProcessHandle.current().pid());
        for (int commands = 0; commands < 1_000_000; commands++) {
            String line = in.readLine();
            if (line == null) {
                break;
            }
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "PREPARE" -> {
                    BenchTasks.reset();
                    int concurrency = Integer.parseInt(w[2]);
                    spool = Spool.builder().redisUrl(url).namespace(w[1]).build();
                    Worker.Builder builder = Worker.builder(spool)
                            .queues("bench")
                            .concurrency(concurrency)
                            .keepResults(!"discard".equals(w[3]))
                            .shutdownGrace(Duration.ofSeconds(10));
                    if (w.length > 4) {
                        builder.prefetch(Integer.parseInt(w[4]));
                    }
                    worker = builder.build();
                    out.println("@@ PREPARED");
                }
                case "GO" -> {
                    worker.start();
                    out.println("@@ GOING");
                }
                case "STOP" -> {
                    if (worker != null) {
                        worker.close();
                    }
                    if (spool != null) {
                        spool.close();
                    }
                    worker = null;
                    spool = null;
                    out.println("@@ STOPPED " + BenchTasks.runs());
                }
                case "RESET" -> {
                    BenchTasks.reset();
                    out.println("@@ RESET");
                }
                case "LAT" -> {
                    long[] l = BenchTasks.latencies();
                    out.println("@@ LAT " + l.length + " " + pct(l, 0.50) + " " + pct(l, 0.99) + " " + pct(l, 0.999)
                            + " " + (l.length == 0 ? 0 : l[l.length - 1]));
                }
                case "EXIT" -> {
                    out.println("@@ BYE");
                    System.exit(0);
                }
                default -> out.println("@@ ERROR unknown command " + line);
            }
        }
        System.exit(0);
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
