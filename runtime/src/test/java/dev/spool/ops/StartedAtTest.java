package dev.spool.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
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

/**
 * When a job's attempt started ({@link JobInfo#startedAt()}, the record's field {@code b}), when it
 * finished ({@link JobInfo#finishedAt()}, field {@code e}) and the task of a succeeded job, whose
 * record keeps no payload, as the inspection API lists them.
 */
class StartedAtTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Redis and this JVM share the machine's clock; a little slack for rounding to ms. */
    private static final Duration SLACK = Duration.ofMillis(50);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        TestTasks.ATTEMPTS.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(1).prefetch(0)
                .retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    @Test
    void aRunningJobShowsWhenItStartedAQueuedOneDoesNotAndASucceededOneKeepsItWithItsTask() {
        JobQueue queue = spool.queue("default");
        Instant before = Instant.now().minus(SLACK);
        Job<Long> sleeper = spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 60_000L);
        worker();
        await().atMost(WAIT).until(() -> sleeper.status() == JobStatus.ACTIVE);
        Instant afterStart = Instant.now().plus(SLACK);
        Job<Integer> behind = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 3);

        JobInfo running = queue.jobs(JobStatus.ACTIVE, 0, 10).get(0);
        assertThat(running.id()).isEqualTo(sleeper.id());
        assertThat(running.startedAt()).isBetween(before, afterStart).isAfterOrEqualTo(running.enqueuedAt().minus(SLACK));
        assertThat(queue.job(sleeper.id()).orElseThrow().startedAt()).isEqualTo(running.startedAt());
        JobInfo waiting = queue.jobs(JobStatus.QUEUED, 0, 10).get(0);
        assertThat(waiting.id()).isEqualTo(behind.id());
        assertThat(waiting.startedAt()).isNull();
        assertThat(running.finishedAt()).isNull();
        assertThat(waiting.finishedAt()).isNull();

        Instant beforeCancel = Instant.now().minus(SLACK);
        queue.cancel(sleeper.id());
        assertThat(behind.await(WAIT)).isEqualTo(5);
        assertThat(queue.job(sleeper.id()).orElseThrow()).satisfies(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(j.startedAt()).isEqualTo(running.startedAt()); // its record keeps when it ran
        });

        JobInfo succeeded = queue.jobs(JobStatus.SUCCEEDED, 0, 10).get(0);
        assertThat(succeeded.id()).isEqualTo(behind.id());
        assertThat(succeeded.task()).isEqualTo("Calc.add"); // the record keeps the task apart (field t)
        assertThat(succeeded.arguments()).isNull();
        assertThat(succeeded.startedAt()).isBetween(beforeCancel, Instant.now().plus(SLACK));
        assertThat(succeeded.finishedAt()).isAfterOrEqualTo(succeeded.startedAt()).isBefore(Instant.now().plus(SLACK));
        assertThat(queue.job(behind.id()).orElseThrow()).satisfies(j -> {
            assertThat(j.task()).isEqualTo("Calc.add");
            assertThat(j.startedAt()).isEqualTo(succeeded.startedAt());
            assertThat(j.finishedAt()).isEqualTo(succeeded.finishedAt()); // looked up by id: from its record
        });
    }

    @Test
    void aJobThatRanSeveralTimesShowsTheStartOfItsLastAttempt() {
        worker();
        Job<String> flaky = spool.enqueue(TestTasks.FLAKY, JobOptions.defaults(), "never", 10); // 4 runs, all fail
        await().atMost(WAIT).until(() -> flaky.status() == JobStatus.FAILED);

        JobInfo dead = spool.queue("default").jobs(JobStatus.FAILED, 0, 10).get(0);
        assertThat(dead.id()).isEqualTo(flaky.id());
        assertThat(dead.attempts()).isEqualTo(4);
        List<DeadLetters.Attempt> history = spool.deadLetters("default").get(flaky.id()).orElseThrow().history();
        assertThat(history).hasSize(4);
        // after the third attempt ended (Redis' clock, as the start), not later than the fourth ended
        assertThat(dead.startedAt()).isAfterOrEqualTo(history.get(2).at()).isBeforeOrEqualTo(history.get(3).at());
        assertThat(dead.finishedAt()).isAfterOrEqualTo(dead.startedAt());
        assertThat(spool.queue("default").job(flaky.id()).orElseThrow().finishedAt())
                .isEqualTo(dead.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
