package dev.spool.micrometer;

import dev.spool.QueueCounts;
import dev.spool.Spool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of queue depth: {@code spool.queue.jobs}, tagged {@code queue} and {@code state} ({@code
 * queued}, {@code scheduled}, {@code active}, {@code waiting}, {@code succeeded} for kept results,
 * {@code dead}), for every queue the namespace knew when it was bound. Reading the gauges costs one
 * pipelined round trip to Redis for all queues ({@link Spool#queues()}), at most once per {@code
 * maxAge}, however many gauges a scrape reads. A queue that cannot be read shows its last counts.
 *
 * <pre>{@code
 * new SpoolQueueMetrics(spool).bindTo(registry);
 * }</pre>
 */
public final class SpoolQueueMetrics implements MeterBinder {

    /** The gauge name. */
    public static final String JOBS = "spool.queue.jobs";

    private static final Logger log = LoggerFactory.getLogger(SpoolQueueMetrics.class);
    private static final Map<String, ToLongFunction<QueueCounts>> STATES = Map.of(
            "queued", QueueCounts::queued, "scheduled", QueueCounts::scheduled, "active", QueueCounts::active,
            "waiting", QueueCounts::waiting, "succeeded", QueueCounts::succeeded, "dead", QueueCounts::dead);

    private final Spool spool;
    private final long maxAgeNanos;
    private final Map<String, QueueCounts> last = new ConcurrentHashMap<>();
    private volatile long readAt;

    /** Gauges over this client's namespace, read at most once a second. */
    public SpoolQueueMetrics(Spool spool) {
        this(spool, Duration.ofSeconds(1));
    }

    /** Gauges over this client's namespace, read at most once per {@code maxAge}. */
    public SpoolQueueMetrics(Spool spool, Duration maxAge) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        refresh(true);
        for (String queue : last.keySet()) {
            STATES.forEach((state, count) -> Gauge.builder(JOBS, () -> read(queue, count))
                    .description("Jobs in a queue by state").tags("queue", queue, "state", state).register(registry));
        }
    }

    private double read(String queue, ToLongFunction<QueueCounts> count) {
        refresh(false);
        QueueCounts counts = last.get(queue);
        return counts == null ? Double.NaN : count.applyAsLong(counts);
    }

    private synchronized void refresh(boolean now) {
        long at = System.nanoTime();
        if (!now && at - readAt < maxAgeNanos) {
            return;
        }
        readAt = at;
        try {
            List<QueueCounts> all = spool.queues();
            for (QueueCounts counts : all) {
                last.put(counts.queue(), counts);
            }
        } catch (RuntimeException e) {
            log.debug("Could not read Spool's queue counts: {}", e.getMessage());
        }
    }
}
