package dev.spool.bench;

import dev.spool.annotations.Task;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tasks the benchmark runs. The annotation processor turns them into {@code BenchTasksTasks}
 * (stubs and descriptors) and {@code BenchTasksTaskTable} (the worker's dispatch table, found by
 * the worker through {@code META-INF/services}); the benchmark goes through both.
 */
public class BenchTasks {

    private static final AtomicLong RUNS = new AtomicLong();
    private static final int MAX_SAMPLES = 2_000_000;
    private static final long[] LATENCIES = new long[MAX_SAMPLES];
    private static final AtomicInteger SAMPLES = new AtomicInteger();

    /** Does nothing but count; the result (its argument) is small. */
    @Task(queue = "bench")
    public int noop(int n) {
        RUNS.incrementAndGet();
        return n;
    }

    /**
     * Records how long ago, in µs on this host's wall clock, the job was enqueued: the argument is
     * the enqueue time in µs since the epoch, taken by the producer right before it enqueued.
     */
    @Task(queue = "bench")
    public long stamp(long enqueuedAtMicros) {
        long latency = nowMicros() - enqueuedAtMicros;
        int i = SAMPLES.getAndIncrement();
        if (i < MAX_SAMPLES) {
            LATENCIES[i] = latency;
        }
        RUNS.incrementAndGet();
        return latency;
    }

    /** A step of a nested workflow's chain (row 16): its input plus the chain's index. */
    @Task(queue = "bench")
    public int step(int value, int chain) {
        RUNS.incrementAndGet();
        return value + chain;
    }

    /**
     * The callback of the benchmark's chord: records how long ago the chord was enqueued (like
     * {@link #stamp}) and returns how many member results it got.
     */
    @Task(queue = "bench")
    public int chordDone(List<Integer> results, long enqueuedAtMicros) {
        stamp(enqueuedAtMicros);
        return results.size();
    }

    /** Wall-clock time in µs since the epoch (microsecond resolution on Linux). */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static void reset() {
        RUNS.set(0);
        SAMPLES.set(0);
    }

    static long runs() {
        return RUNS.get();
    }

    /** The recorded latencies, sorted. */
    static long[] latencies() {
        long[] copy = Arrays.copyOf(LATENCIES, Math.min(SAMPLES.get(), MAX_SAMPLES));
        Arrays.sort(copy);
        return copy;
    }
}
