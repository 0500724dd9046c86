package dev.spool.bench.scale;

import dev.spool.QueueCounts;
import dev.spool.Spool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Run in a fresh JVM: what a short-lived client (a CLI command, a producer that enqueues and exits)
 * pays to connect. Prints one line of figures ({@code key=value}; times in ms, wall and the main
 * thread's CPU): the logging set-up (SLF4J and its provider, measured first and apart, as an
 * application has usually set up its logging before it connects), the first {@code
 * Spool.builder().build()}, the first command (a queue's counts: one script, loaded at its first
 * call), then a second connect and command in the same JVM, the classes loaded, and the whole
 * process's CPU (JIT and GC threads included). See docs/benchmarks.md, "Connecting", and
 * {@code bench/connect-probe.sh}.
 */
public final class ConnectProbe {

    private ConnectProbe() {}

    /** {@code ConnectProbe [redis-url [namespace]]}. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        String namespace = args.length > 1 ? args[1] : "connectprobe";
        long mainAt = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Clock clock = new Clock(threads);

        LoggerFactory.getLogger(ConnectProbe.class);
        String logging = clock.lap();
        Spool spool = Spool.builder().redisUrl(url).namespace(namespace).build();
        String connect = clock.lap();
        QueueCounts counts = spool.queue("probe").counts();
        String call = clock.lap();
        spool.close();
        clock.lap();
        Spool again = Spool.builder().redisUrl(url).namespace(namespace).build();
        String warmConnect = clock.lap();
        again.queue("probe").counts();
        String warmCall = clock.lap();
        again.close();

        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.println(String.format(Locale.ROOT,
                "PROBE main_at=%d logging=%s connect=%s first_call=%s warm_connect=%s warm_call=%s classes=%d"
                        + " process_cpu=%.0f queued=%d",
                mainAt, logging, connect, call, warmConnect, warmCall, classes, processCpu / 1e6, counts.queued()));
    }

    /** Wall and thread CPU time since the last lap, as {@code wall/cpu} in ms. */
    private static final class Clock {
        private final ThreadMXBean threads;
        private long wall;
        private long cpu;

        Clock(ThreadMXBean threads) {
            this.threads = threads;
            this.wall = System.nanoTime();
            this.cpu = threads.getCurrentThreadCpuTime();
        }

        String lap() {
            long nowWall = System.nanoTime();
            long nowCpu = threads.getCurrentThreadCpuTime();
            String lap = String.format(Locale.ROOT, "%.1f/%.1f", (nowWall - wall) / 1e6, (nowCpu - cpu) / 1e6);
            wall = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            return lap;
        }
    }
}
