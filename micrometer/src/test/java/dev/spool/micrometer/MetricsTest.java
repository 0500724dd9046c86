package dev.spool.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.worker.Worker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The Micrometer binding against a real Redis: outcome counters, run and wait timers, queue depth gauges. */
class MetricsTest {

    static final TaskDescriptor<String> ECHO = TaskDescriptor.builder("Metered.echo", TypeRef.of(String.class))
            .queue("metered").param("text", TypeRef.of(String.class)).build();
    static final TaskDescriptor<String> FLAKY = TaskDescriptor.builder("Metered.flaky", TypeRef.of(String.class))
            .queue("metered").retries(1).param("key", TypeRef.of(String.class)).build();
    static final TaskDescriptor<Void> BOOM = TaskDescriptor.builder("Metered.boom", TypeRef.VOID)
            .queue("metered").param("text", TypeRef.of(String.class)).build();
    static final TaskDescriptor<Long> HOLD = TaskDescriptor.builder("Metered.hold", TypeRef.of(Long.class))
            .queue("metered").param("millis", TypeRef.of(long.class)).build();
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** The task class. */
    public static final class Metered {
        public String echo(String text) {
            return text;
        }

        public String flaky(String key) {
            if (RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
            return key;
        }

        public void boom(String text) {
            throw new IllegalArgumentException(text);
        }

        public long hold(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }
    }

    /** What the processor would generate. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Metered.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(ECHO, Metered.class, Metered::new, (o, a) -> o.echo(a.get(0))),
                    TaskEntry.of(FLAKY, Metered.class, Metered::new, (o, a) -> o.flaky(a.get(0))),
                    TaskEntry.of(BOOM, Metered.class, Metered::new, (o, a) -> {
                        o.boom(a.get(0));
                        return null;
                    }),
                    TaskEntry.of(HOLD, Metered.class, Metered::new, (o, a) -> o.hold(a.<Long>get(0))));
        }
    }

    private String namespace;
    private Spool spool;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        namespace = LocalRedis.freshNamespace("metrics");
        spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(namespace).build();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        spool.close();
        try (JedisPooled jedis = new JedisPooled(java.net.URI.create(LocalRedis.url()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(namespace + ":*").count(1000));
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private double completed(String task, String outcome) {
        Counter c = registry.find(SpoolJobMetrics.COMPLETED).tags("task", task, "queue", "metered", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyOutcomeIsCountedAndTimedByTaskQueueAndOutcome() {
        Job<String> late = spool.enqueue(ECHO, JobOptions.defaults().expiresIn(Duration.ofMillis(50)), "late");
        long until = System.currentTimeMillis() + 200;
        await().atMost(Duration.ofSeconds(3)).until(() -> System.currentTimeMillis() > until);
        try (Worker worker = Worker.builder(spool).taskTables(List.of(new Table())).concurrency(2)
                .retryBackoff(Duration.ofMillis(20)).maintenanceInterval(Duration.ofMillis(50))
                .listener(new SpoolJobMetrics(registry)).build().start()) {
            spool.enqueue(ECHO, JobOptions.defaults(), "a").await(Duration.ofSeconds(10));
            spool.enqueue(ECHO, JobOptions.defaults(), "b").await(Duration.ofSeconds(10));
            spool.enqueue(FLAKY, JobOptions.defaults(), "k" + namespace).await(Duration.ofSeconds(10));
            Job<Void> boom = spool.enqueue(BOOM, JobOptions.defaults(), "no");
            Job<Long> held = spool.enqueue(HOLD, JobOptions.defaults(), 60_000L);
            await().atMost(Duration.ofSeconds(10)).until(() -> held.status() == JobStatus.ACTIVE
                    && boom.status() == JobStatus.FAILED && late.status() == JobStatus.EXPIRED);
            held.cancel();
            await().atMost(Duration.ofSeconds(5)).until(() -> completed("Metered.hold", "cancelled") == 1
                    && completed("Metered.boom", "failed") == 1);
        }
        assertThat(completed("Metered.echo", "succeeded")).isEqualTo(2);
        assertThat(completed("Metered.echo", "expired")).isEqualTo(1);
        assertThat(completed("Metered.flaky", "retried")).isEqualTo(1);
        assertThat(completed("Metered.flaky", "succeeded")).isEqualTo(1);
        assertThat(completed("Metered.boom", "failed")).isEqualTo(1);

        Timer run = registry.find(SpoolJobMetrics.RUN).tags("task", "Metered.hold", "outcome", "cancelled").timer();
        assertThat(run.count()).isEqualTo(1);
        assertThat(run.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.find(SpoolJobMetrics.RUN).tags("outcome", "expired").timer()).isNull();
        Timer wait = registry.find(SpoolJobMetrics.WAIT).tags("task", "Metered.echo", "queue", "metered").timer();
        assertThat(wait.count()).isEqualTo(3); // a, b and the expired one: first runs only
        assertThat(registry.find(SpoolJobMetrics.WAIT).tags("task", "Metered.flaky").timer().count()).isEqualTo(1);
    }

    @Test
    void queueDepthGaugesFollowTheCountsInRedis() {
        for (int i = 0; i < 3; i++) {
            spool.enqueue(ECHO, JobOptions.defaults(), "x" + i);
        }
        spool.enqueue(ECHO, JobOptions.defaults().delay(Duration.ofHours(1)), "later");
        new SpoolQueueMetrics(spool, Duration.ZERO).bindTo(registry);

        Gauge queued = registry.find(SpoolQueueMetrics.JOBS).tags("queue", "metered", "state", "queued").gauge();
        Gauge scheduled = registry.find(SpoolQueueMetrics.JOBS).tags("queue", "metered", "state", "scheduled").gauge();
        assertThat(queued.value()).isEqualTo(3);
        assertThat(scheduled.value()).isEqualTo(1);
        assertThat(registry.find(SpoolQueueMetrics.JOBS).tag("queue", "metered").gauges()).hasSize(6);

        try (Worker worker = Worker.builder(spool).taskTables(List.of(new Table())).build().start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> queued.value() == 0);
        }
        assertThat(registry.find(SpoolQueueMetrics.JOBS).tags("queue", "metered", "state", "succeeded").gauge().value())
                .isEqualTo(3);
    }
}
