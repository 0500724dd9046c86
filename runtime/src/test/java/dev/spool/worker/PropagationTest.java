package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.spi.JobContextPropagator;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link JobContextPropagator} SPI against a real Redis: what a propagator gives a job at
 * enqueue is packed as {@code cx:} lines and reaches the run's interceptors; bad entries and a
 * failing propagator never fail the enqueue.
 */
class PropagationTest {

    /** Registered in META-INF/services; gives what the enqueueing thread asked for, nothing otherwise. */
    public static final class Carrier implements JobContextPropagator {
        static final ThreadLocal<Function<Outgoing, Map<String, String>>> NEXT = new ThreadLocal<>();

        @Override
        public Map<String, String> inject(Outgoing job) {
            Function<Outgoing, Map<String, String>> next = NEXT.get();
            return next == null ? Map.of() : next.apply(job);
        }
    }

    private RedisNamespace redis;
    private Spool spool;
    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("propagation");
        spool = redis.spool();
        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).interceptor((job, next) -> {
            seen.put(job.id(), job.propagated());
            return next.proceed();
        }).build().start());
    }

    @AfterEach
    void tearDown() throws Exception {
        Carrier.NEXT.remove();
        redis.close();
    }

    private String packed(Job<?> job) {
        return spool.queue(job.queue()).job(job.id()).orElseThrow().payload();
    }

    @Test
    void whatThePropagatorGivesAtEnqueueReachesTheRunsInterceptors() {
        Carrier.NEXT.set(job -> {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("tenant", "acme");
            entries.put("origin", job.task() + "@" + job.queue() + "#" + job.id());
            return entries;
        });
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults().delay(Duration.ofMillis(300)), 2, 3);

        assertThat(packed(job)).isEqualTo("Calc.add\n0\n\ncx:tenant=acme\ncx:origin=Calc.add@default#" + job.id() + "\n[2,3]");
        assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(5);
        assertThat(seen.get(job.id())).containsExactlyInAnyOrderEntriesOf(
                Map.of("tenant", "acme", "origin", "Calc.add@default#" + job.id()));
    }

    @Test
    void aJobWithoutEntriesHasNoExtraLinesAndAnEmptyMap() {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults().delay(Duration.ofMillis(300)), 1, 1);

        assertThat(packed(job)).isEqualTo("Calc.add\n0\n\n[1,1]");
        assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(seen.get(job.id())).isEmpty();
    }

    @Test
    void entriesAJobCannotCarryAreLeftOutAndAFailingPropagatorFailsNoEnqueue() {
        Carrier.NEXT.set(job -> {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("ok", "yes");
            entries.put("Bad Name", "x");
            entries.put("forged", "x\n[\"injected\"]");
            entries.put("long", "x".repeat(1025));
            return entries;
        });
        Job<Integer> kept = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 2);
        Carrier.NEXT.set(job -> {
            throw new IllegalStateException("tracing is down");
        });
        Job<Integer> plain = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 3, 4);

        assertThat(kept.await(Duration.ofSeconds(10))).isEqualTo(3);
        assertThat(plain.await(Duration.ofSeconds(10))).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.containsKey(plain.id()));
        assertThat(seen.get(kept.id())).containsExactly(Map.entry("ok", "yes"));
        assertThat(seen.get(plain.id())).isEmpty();
    }

    @Test
    void aScheduleKeepsItsPayloadAsATemplateThatCarriesNothingFromTheThreadThatAddedIt() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Carrier.NEXT.set(job -> {
            asked.incrementAndGet();
            return Map.of("tenant", "acme");
        });
        spool.schedules().add("nightly", TestTasks.ADD, "0 0 3 * * *", "UTC", dev.spool.annotations.MissedTicks.SKIP, 1, 2);
        assertThat(asked).hasValue(0);

        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 2); // an enqueue does ask
        assertThat(asked).hasValue(1);
        assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(3);
    }
}
