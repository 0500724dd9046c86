package dev.spool.unique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.annotations.Unique;
import dev.spool.spi.TaskDescriptor;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Unique jobs against a real Redis: one job per key while it holds the key, whatever the concurrency. */
class UniqueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    @Test
    void fiftyThreadsEnqueueingOneKeyAtOnceMakeExactlyOneJobInEachOfOneHundredRounds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 100; round++) {
                JobOptions options = JobOptions.defaults().unique("report-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> ids = new ArrayList<>();
                for (int t = 0; t < 50; t++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return spool.enqueue(TestTasks.ADD, options, 1, 2).id();
                    }));
                }
                start.countDown();
                Set<String> distinct = new HashSet<>();
                for (Future<String> id : ids) {
                    distinct.add(id.get(30, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(spool.queue("default").counts().queued()).isEqualTo(100);
    }

    @Test
    void untilFinishedTheKeyReturnsTheSameJobAndIsFreeOnceItSucceeds() {
        JobOptions options = JobOptions.defaults().unique("sync-42");
        Job<Integer> first = spool.enqueue(TestTasks.ADD, options, 1, 2);
        assertThat(spool.enqueue(TestTasks.ADD, options, 5, 5).id()).isEqualTo(first.id());

        worker();
        assertThat(first.await(WAIT)).isEqualTo(3);
        Job<Integer> next = spool.enqueue(TestTasks.ADD, options, 5, 5);
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(next.await(WAIT)).isEqualTo(10);
    }

    @Test
    void untilFinishedAJobThatFailsForGoodFreesItsKey() {
        JobOptions options = JobOptions.defaults().unique("boom").retries(0);
        Job<Void> failed = spool.enqueue(TestTasks.BOOM, options, "bad input");
        worker();
        await().atMost(WAIT).until(() -> failed.status() == JobStatus.FAILED);
        assertThat(spool.enqueue(TestTasks.BOOM, options, "again").id()).isNotEqualTo(failed.id());
    }

    @Test
    void whileQueuedTheKeyIsFreeOnceAWorkerStartsTheJob() {
        JobOptions options = JobOptions.defaults().unique("slow", Unique.WHILE_QUEUED);
        Job<Long> running = spool.enqueue(TestTasks.SLEEP, options, 2000L);
        assertThat(spool.enqueue(TestTasks.SLEEP, options, 2000L).id()).isEqualTo(running.id());
        worker();
        await().atMost(WAIT).until(() -> running.status() == JobStatus.ACTIVE);
        assertThat(spool.enqueue(TestTasks.SLEEP, options, 1L).id()).isNotEqualTo(running.id());
    }

    @Test
    void forAPeriodTheKeyOutlivesTheJobUntilThePeriodEnds() {
        JobOptions options = JobOptions.defaults().unique("digest", Duration.ofMillis(1500));
        Job<Integer> first = spool.enqueue(TestTasks.ADD, options, 1, 1);
        worker();
        assertThat(first.await(WAIT)).isEqualTo(2);
        assertThat(spool.enqueue(TestTasks.ADD, options, 1, 1).id()).as("the job finished, the period has not")
                .isEqualTo(first.id());
        await().atMost(WAIT).until(() -> !spool.enqueue(TestTasks.ADD, options, 1, 1).id().equals(first.id()));
    }

    @Test
    void aTaskRuleMakesJobsUniqueByTheirArguments() {
        TaskDescriptor<Integer> add = TaskDescriptor.builder("Calc.add", TestTasks.ADD.resultType()).param("a",
                TestTasks.ADD.parameters().get(0).type()).param("b", TestTasks.ADD.parameters().get(1).type())
                .unique(Unique.UNTIL_FINISHED).build();
        String one = spool.enqueue(add, JobOptions.defaults(), 1, 2).id();
        assertThat(spool.enqueue(add, JobOptions.defaults(), 1, 2).id()).isEqualTo(one);
        assertThat(spool.enqueue(add, JobOptions.defaults(), 2, 1).id()).isNotEqualTo(one);
        assertThat(spool.enqueueAll(add, JobOptions.defaults(), List.of(new Object[] {1, 2}, new Object[] {3, 4})))
                .extracting(Job::id).first().isEqualTo(one);
    }

    @Test
    void badUniqueOptionsAreRefused() {
        assertThatThrownBy(() -> JobOptions.defaults().unique("")).hasMessageContaining("1 to 200 characters");
        assertThatThrownBy(() -> JobOptions.defaults().unique("k", Unique.FOR_PERIOD)).hasMessageContaining("needs its period");
        assertThatThrownBy(() -> JobOptions.defaults().unique("k", Duration.ZERO)).hasMessageContaining("must be positive");
    }
}
