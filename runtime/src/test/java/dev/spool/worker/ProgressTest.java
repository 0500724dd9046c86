package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobProgress;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.LuaScript;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/** Progress reports through JobContext, read back through Job and the inspection API; writes coalesced. */
class ProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        TestTasks.INTERRUPTED.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    @Test
    void aRunningJobsProgressIsSeenThroughItsHandleAndTheQueueAndItsHandleCancelsIt() {
        Worker worker = worker();
        Job<Integer> job = spool.enqueue(TestTasks.STEPS, JobOptions.defaults(), 50, 1000L, 60_000L);
        assertThat(job.progress()).isEmpty();

        JobProgress done = new JobProgress(1.0, "step 50 of 50");
        await().atMost(WAIT).until(() -> job.progress().equals(java.util.Optional.of(done)));
        assertThat(spool.queue("default").job(job.id())).get().extracting(JobInfo::progress).isEqualTo(done);
        assertThat(spool.queue("default").jobs(JobStatus.ACTIVE, 0, 10)).singleElement()
                .extracting(JobInfo::progress).isEqualTo(done);

        Cancellation cancelled = job.cancel();
        assertThat(cancelled.outcome()).isEqualTo(Cancellation.Outcome.CANCELLED_RUNNING);
        await().atMost(Duration.ofSeconds(3)).until(() -> !TestTasks.INTERRUPTED.isEmpty() && worker.jobsInHand() == 0);
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.cancel().outcome()).isEqualTo(Cancellation.Outcome.ALREADY_FINISHED);
        assertThat(job.progress()).contains(done); // kept with the record
    }

    @Test
    void thousandsOfReportsCostAtMostOneWritePerHundredMilliseconds() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        String sha = LuaScript.REPORT_PROGRESS.sha();
        String prefix = redis.namespace + ":{" + redis.namespace + ":default}:job:";
        Jedis monitor = new Jedis(URI.create(redis.url));
        Thread watcher = new Thread(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        if (command.contains(sha) && command.contains(prefix)) {
                            writes.incrementAndGet();
                        }
                    }
                });
            } catch (RuntimeException closed) {
                // the connection was closed to end the monitor
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try {
            worker();
            Job<Integer> job = spool.enqueue(TestTasks.STEPS, JobOptions.defaults(), 5_000, 50L, 300L);
            assertThat(job.await(WAIT)).isEqualTo(5_000);
            long reportingMillis = (TestTasks.STEPS_ENDED.get() - TestTasks.STEPS_BEGAN.get()) / 1_000_000;
            await().atMost(WAIT).until(() -> writes.get() > 0);
            // one write per 100 ms while it reports, plus at most one for the last report during the hold
            long allowed = reportingMillis / ProgressReports.EVERY_MILLIS + 2;
            assertThat(writes.get()).as("writes for 5,000 reports over %d ms", reportingMillis)
                    .isBetween(1, (int) allowed);
            assertThat(job.progress()).contains(new JobProgress(1.0, "step 5000 of 5000"));
        } finally {
            monitor.getClient().disconnect();
            watcher.join(5000);
        }
    }
}
