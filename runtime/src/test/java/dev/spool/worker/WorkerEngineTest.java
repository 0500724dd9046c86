package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The worker's parts keep their promises to each other: slots, timeouts, leases, retries, interceptors. */
class WorkerEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        EngineTasks.RUNS.clear();
        EngineTasks.sabotage = job -> {};
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker.Builder builder() {
        return Worker.builder(spool).taskTables(List.of(new EngineTasks.Table())).queues("engine", "sabotage")
                .retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofMillis(200));
    }

    private Worker start(Worker.Builder builder) {
        return redis.track(builder.build().start());
    }

    @Test
    void aTimedOutTaskThatIgnoresItsInterruptGivesItsSlotBackAtOnce() {
        start(builder().concurrency(1));
        Job<String> stubborn = spool.enqueue(EngineTasks.STUBBORN,
                JobOptions.defaults().timeout(Duration.ofMillis(300)).retries(0), 4000L);
        await().atMost(WAIT).until(() -> stubborn.status() == JobStatus.FAILED);
        assertThat(stubborn.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.TaskTimeout");

        Job<String> next = spool.enqueue(EngineTasks.QUICK, JobOptions.defaults(), "next");
        assertThat(next.await(WAIT)).isEqualTo("next");
        assertThat(EngineTasks.STUBBORN_RUNNING)
                .as("the only slot ran the next job while the stuck thread was still inside its task").isTrue();
    }

    @Test
    void pastTheStuckThreadLimitTheWorkerStopsFetchingAndSaysItIsUnhealthy() throws InterruptedException {
        CountDownLatch unhealthy = new CountDownLatch(1);
        Worker worker = start(builder().concurrency(2).maxStuckThreads(0).onUnhealthy(unhealthy::countDown));
        assertThat(worker.healthy()).isTrue();
        spool.enqueue(EngineTasks.STUBBORN, JobOptions.defaults().timeout(Duration.ofMillis(200)).retries(0), 4000L);
        assertThat(unhealthy.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(worker.healthy()).isFalse();
    }

    @Test
    void leaseRenewalNeverWaitsBehindAFailureThatCannotBeWritten() {
        // Each saboteur breaks its own record, so that writing its timeout's failure keeps failing
        // (and is retried for a whole lease). Meanwhile a job of another queue runs for 3 leases.
        EngineTasks.sabotage = job -> {
            String key = redis.namespace + ":{" + redis.namespace + ":" + job.queue() + "}:job:" + job.id();
            redis.jedis.del(key);
            redis.jedis.set(key, "not a hash");
        };
        start(builder().concurrency(4).leaseDuration(Duration.ofSeconds(1)));
        Job<String> longRun = spool.enqueue(EngineTasks.LONG, JobOptions.defaults(), 3000L);
        await().atMost(WAIT).until(() -> EngineTasks.RUNS.containsKey(longRun.id()));
        for (int i = 0; i < 3; i++) {
            spool.enqueue(EngineTasks.SABOTAGE, JobOptions.defaults().timeout(Duration.ofMillis(100)).retries(0));
        }
        assertThat(longRun.await(WAIT)).isEqualTo("ran 1");
        assertThat(EngineTasks.RUNS.get(longRun.id())).as("its lease never lapsed, so it ran once").hasValue(1);
    }

    @Test
    void anUnknownTaskIsRetriedUntilAWorkerThatKnowsItRunsIt() {
        Worker old = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).queues("engine")
                .retryBackoff(Duration.ofMillis(300)).maintenanceInterval(Duration.ofMillis(50)).build().start();
        Job<String> job = spool.enqueue(EngineTasks.QUICK, JobOptions.defaults().retries(5), "deployed");
        await().atMost(WAIT).until(() -> job.failure().isPresent() || job.status() == JobStatus.SCHEDULED);
        old.close();
        assertThat(job.status()).as("the old worker scheduled a retry, it did not bury the job")
                .isIn(JobStatus.SCHEDULED, JobStatus.QUEUED);
        start(builder().concurrency(1));
        assertThat(job.await(WAIT)).isEqualTo("deployed");
    }

    @Test
    void interceptorsRunAroundEveryRunOutermostFirstAndSeeTheJob() {
        List<String> calls = new CopyOnWriteArrayList<>();
        start(builder().concurrency(1)
                .interceptor((job, next) -> {
                    calls.add("outer before " + job.task());
                    try {
                        return next.proceed();
                    } finally {
                        calls.add("outer after");
                    }
                })
                .interceptor((job, next) -> {
                    calls.add("inner before");
                    Object result = next.proceed();
                    calls.add("inner after " + result.equals(job.id()));
                    return result;
                }));
        Job<String> job = spool.enqueue(EngineTasks.WHO_AM_I, JobOptions.defaults());
        assertThat(job.await(WAIT)).isEqualTo(job.id());
        assertThat(calls).containsExactly("outer before Engine.whoAmI", "inner before", "inner after true", "outer after");
    }
}
