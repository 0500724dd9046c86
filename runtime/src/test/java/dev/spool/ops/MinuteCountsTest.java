package dev.spool.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.MinuteCount;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-minute counters the worker writes with each outcome, read back as the last hour. */
class MinuteCountsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void successesAndFailuresAreCountedPerMinuteWithATtl() {
        assertThat(spool.queue("default").lastHour()).hasSize(60).allSatisfy(m -> assertThat(m.processed()).isZero());
        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
        for (int i = 0; i < 3; i++) {
            spool.enqueue(TestTasks.ADD, JobOptions.defaults(), i, 1);
        }
        Job<Void> boom = spool.enqueue(TestTasks.BOOM, JobOptions.defaults(), "no");
        await().atMost(WAIT).until(() -> boom.status() == JobStatus.FAILED
                && spool.queue("default").lastHour().stream().mapToLong(MinuteCount::succeeded).sum() == 3);

        List<MinuteCount> hour = spool.queue("default").lastHour();
        assertThat(hour).hasSize(60);
        assertThat(hour.stream().mapToLong(MinuteCount::failed).sum()).isEqualTo(1);
        assertThat(hour.get(59).minute()).isBeforeOrEqualTo(Instant.now().plusSeconds(5))
                .isAfter(Instant.now().minusSeconds(125));
        assertThat(hour.get(0).minute()).isEqualTo(hour.get(59).minute().minus(Duration.ofMinutes(59)));
        List<String> stats = redis.keys().stream().filter(k -> k.contains(":stat:")).toList();
        assertThat(stats).isNotEmpty();
        stats.forEach(k -> assertThat(redis.jedis.ttl(k)).isBetween(7000L, 7200L));
    }
}
