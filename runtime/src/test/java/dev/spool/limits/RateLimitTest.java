package dev.spool.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobQueue;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.RateLimit;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A queue's rate limit against a real Redis: obeyed by every worker at once, nothing lost, no busy loop. */
class RateLimitTest {

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        LimitTasks.reset();
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new LimitTasks.Table())).queues("metered")
                .concurrency(4).maintenanceInterval(Duration.ofMillis(200)).shutdownGrace(Duration.ofSeconds(2))
                .build().start());
    }

    @Test
    void twoWorkersTogetherStartNoMoreThanTheLimitInAnyWindowAndRunEveryJob() {
        spool.queue("metered").rateLimit(10, Duration.ofSeconds(1));
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(spool.enqueue(LimitTasks.TICK, JobOptions.defaults(), i));
        }
        worker();
        worker();

        await().atMost(Duration.ofSeconds(20)).until(() -> LimitTasks.STARTS.size() == 40);
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
        List<Long> starts = new ArrayList<>(LimitTasks.STARTS);
        starts.sort(null);
        // Redis counts leases on its clock; a task starts a little after its lease, so the check
        // allows 300 ms of that: no 11 starts within 700 ms.
        long window = TimeUnit.MILLISECONDS.toNanos(700);
        for (int i = 0; i + 10 < starts.size(); i++) {
            assertThat(starts.get(i + 10) - starts.get(i)).as("starts %d and %d", i, i + 10).isGreaterThan(window);
        }
        // 40 starts at 10 a second cannot take less than three windows
        assertThat(starts.get(39) - starts.get(0)).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(2500));
        // a limited fetch draws one lease token per call: the workers waited for the window, not in a loop
        long calls = Long.parseLong(redis.jedis.get(Access.core(spool).keys().queue("metered").token()));
        assertThat(calls).isLessThan(300);
    }

    @Test
    void aRateLimitIsStoredForEveryClientAndCanBeRemoved() {
        JobQueue queue = spool.queue("metered");
        assertThat(queue.rateLimit()).isEmpty();
        queue.rateLimit(100, Duration.ofSeconds(1));
        assertThat(redis.spool().queue("metered").rateLimit()).contains(new RateLimit(100, Duration.ofSeconds(1)));
        queue.rateLimit(5, Duration.ofMinutes(1));
        assertThat(queue.rateLimit()).isEqualTo(Optional.of(new RateLimit(5, Duration.ofMinutes(1))));
        assertThat(queue.removeRateLimit()).isTrue();
        assertThat(queue.removeRateLimit()).isFalse();
        assertThat(queue.rateLimit()).isEmpty();
    }

    @Test
    void jobsOverTheLimitWaitAndRunWhenTheWindowHasRoomAgain() {
        spool.queue("metered").rateLimit(3, Duration.ofSeconds(2));
        worker();
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(spool.enqueue(LimitTasks.TICK, JobOptions.defaults(), i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> LimitTasks.STARTS.size() == 3);
        assertThat(spool.queue("metered").counts().queued()).as("over the limit: still queued").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
        assertThat(LimitTasks.STARTS.get(3) - LimitTasks.STARTS.get(0)).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1800));
    }

    @Test
    void badLimitsAreRefused() {
        JobQueue queue = spool.queue("metered");
        assertThatThrownBy(() -> queue.rateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("from 1 to 1000000 starts");
        assertThatThrownBy(() -> queue.rateLimit(5, Duration.ZERO)).hasMessageContaining("from 1 ms to 1 day");
        assertThatThrownBy(() -> queue.rateLimit(5, Duration.ofDays(2))).hasMessageContaining("from 1 ms to 1 day");
    }
}
