package dev.spool.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.QueueCounts;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job expiry before start: a job not started by its deadline ends EXPIRED and never runs. */
class ExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        TestTasks.RECORDED.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    /** Waits until the wall clock has passed {@code millis} from now (the deadlines below are on it). */
    private static void letPass(long millis) {
        long until = System.currentTimeMillis() + millis;
        await().atMost(Duration.ofMillis(millis + 2000)).until(() -> System.currentTimeMillis() > until);
    }

    @Test
    void aJobFetchedAfterItsDeadlineIsDiscardedUnrunAndTheOthersRun() {
        Job<String> late = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().expiresIn(Duration.ofMillis(200)), "late");
        Job<String> roomy = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().expiresIn(Duration.ofHours(1)), "roomy");
        Job<String> plain = spool.enqueue(TestTasks.RECORD, JobOptions.defaults(), "plain");
        letPass(400);
        assertThat(late.status()).isEqualTo(JobStatus.QUEUED); // decided when a worker fetches it

        worker();
        assertThat(roomy.await(WAIT)).isEqualTo("roomy");
        assertThat(plain.await(WAIT)).isEqualTo("plain");
        await().atMost(WAIT).until(() -> late.status() == JobStatus.EXPIRED);
        assertThat(TestTasks.RECORDED).containsExactlyInAnyOrder("roomy", "plain");
        assertThatThrownBy(() -> late.await(WAIT)).isInstanceOf(JobFailedException.class)
                .satisfies(e -> assertThat(((JobFailedException) e).failure().exceptionClass()).isEqualTo("dev.spool.Expired"))
                .hasMessageContaining("not started by its deadline");
        assertThat(spool.queue("default").job(late.id())).get().extracting(JobInfo::status, JobInfo::task)
                .containsExactly(JobStatus.EXPIRED, "Calc.record");
        QueueCounts counts = spool.queue("default").counts();
        assertThat(counts.active() + counts.dead() + counts.queued()).isZero(); // not a dead letter, not in hand
        assertThat(late.cancel().outcome()).isEqualTo(Cancellation.Outcome.ALREADY_FINISHED);
    }

    @Test
    void theDeadlineCountsFromWhenTheJobIsDueAndTheTaskHasADefault() {
        Job<String> delayed = spool.enqueue(TestTasks.RECORD,
                JobOptions.defaults().delay(Duration.ofMillis(600)).expiresIn(Duration.ofSeconds(30)), "delayed");
        Job<String> taskDefault = spool.enqueue(TestTasks.RECORD_SOON, JobOptions.defaults(), "soon");
        Job<String> overridden = spool.enqueue(TestTasks.RECORD_SOON, JobOptions.defaults().expiresIn(Duration.ofHours(1)), "kept");
        letPass(500);
        worker();
        assertThat(delayed.await(WAIT)).isEqualTo("delayed");
        assertThat(overridden.await(WAIT)).isEqualTo("kept");
        await().atMost(WAIT).until(() -> taskDefault.status() == JobStatus.EXPIRED);
        assertThat(TestTasks.RECORDED).containsExactlyInAnyOrder("delayed", "kept");
    }

    @Test
    void aJobWaitingForAnExpiredOneFails() {
        Job<String> parent = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().expiresIn(Duration.ofMillis(100)), "parent");
        Job<String> child = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().dependsOn(parent), "child");
        letPass(300);
        worker();
        await().atMost(WAIT).until(() -> child.status() == JobStatus.FAILED);
        assertThat(parent.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(child.failure()).get().satisfies(f -> assertThat(f.exceptionClass()).isEqualTo("dev.spool.WorkflowFailed"));
        assertThat(TestTasks.RECORDED).isEmpty();
    }
}
