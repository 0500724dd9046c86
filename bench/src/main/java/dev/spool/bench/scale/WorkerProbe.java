package dev.spool.bench.scale;

import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Run in a fresh JVM whose class path holds a compiled source tree: connects, builds a worker for
 * every table {@code ServiceLoader} finds, starts and stops it, and prints one line of figures
 * ({@code key=value}) for {@link ScaleBench}.
 */
public final class WorkerProbe {

    private WorkerProbe() {}

    /** {@code WorkerProbe <redis-url> <namespace>}. */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long c0 = classes.getTotalLoadedClassCount();
        long t0 = System.nanoTime();
        try (Spool spool = Spool.builder().redisUrl(args[0]).namespace(args[1]).build()) {
            long t1 = System.nanoTime();
            long c1 = classes.getTotalLoadedClassCount();
            Worker worker = Worker.builder(spool).concurrency(4).build();
            long t2 = System.nanoTime();
            long c2 = classes.getTotalLoadedClassCount();
            worker.start();
            long t3 = System.nanoTime();
            long ready = System.currentTimeMillis() - jvmStart;
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heap = runtime.totalMemory() - runtime.freeMemory();
            worker.close();
            long t4 = System.nanoTime();
            Spool again = Spool.builder().redisUrl(args[0]).namespace(args[1]).build();
            long t5 = System.nanoTime();
            again.close();
            System.out.println(String.format(Locale.ROOT,
                    "PROBE connect_ms=%.1f build_ms=%.1f start_ms=%.1f ready_ms=%d heap_kb=%d warm_connect_ms=%.1f"
                            + " connect_classes=%d build_classes=%d",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, ready, heap / 1024, (t5 - t4) / 1e6,
                    c1 - c0, c2 - c1));
        }
    }
}
