package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Completion;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.internal.queue.Reply;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases, tokens, recovery and hand-back, driven partly through the internal broker. */
class LeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;
    private SpoolCore core;
    private Broker broker;
    private QueueKeys queue;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("lease");
        spool = redis.spool();
        core = Access.core(spool);
        broker = core.broker();
        queue = core.keys().queue("default");
        TestTasks.RECORDED.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void aJobWhoseWorkerDiedRunsElsewhereAfterItsLeaseExpires() {
        Job<String> job = spool.enqueue(TestTasks.RECORD, JobOptions.defaults(), "orphan");
        List<Leased> dead = broker.fetch(queue, 10, 300); // a "worker" that dies holding the job
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).attempt()).isEqualTo(1);
        assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);

        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table()))
                .maintenanceInterval(Duration.ofMillis(100)).build().start());
        assertThat(job.await(WAIT)).isEqualTo("orphan");
        assertThat(TestTasks.RECORDED).containsExactly("orphan");
        // The dead worker comes back: its completion is refused.
        assertThat(broker.complete(queue, List.of(new Completion(job.id(), dead.get(0).token(), "\"zombie\"")), 60))
                .containsExactly(Reply.STALE_LEASE);
        assertThat(job.result()).contains("orphan");
    }

    @Test
    void staleTokensCannotCompleteFailRenewOrHandBack() {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 2);
        Leased first = broker.fetch(queue, 1, 50).get(0);
        await().atMost(WAIT).until(() -> broker.recover(queue, 10, 5, 60).recovered() == 1);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        Leased second = broker.fetch(queue, 1, 30_000).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.token()).isNotEqualTo(first.token());

        String oldToken = first.token();
        assertThat(broker.renew(queue, List.of(new Broker.Lease(job.id(), oldToken)), 1000)).containsExactly(false);
        assertThat(broker.handBack(queue, List.of(new Broker.Lease(job.id(), oldToken)))).containsExactly(false);
        assertThat(broker.fail(queue, new Broker.Failed(job.id(), oldToken, "{}", true, 3, 10, null), 60))
                .isEqualTo(Reply.STALE_LEASE);
        assertThat(broker.complete(queue, List.of(new Completion(job.id(), oldToken, "99")), 60))
                .containsExactly(Reply.STALE_LEASE);
        assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);

        assertThat(broker.renew(queue, List.of(new Broker.Lease(job.id(), second.token())), 1000)).containsExactly(true);
        assertThat(broker.complete(queue, List.of(new Completion(job.id(), second.token(), "3")), 60))
                .containsExactly(Reply.RECORDED);
        assertThat(job.await(WAIT)).isEqualTo(3);
        assertThat(redis.jedis.zcard(queue.active())).isZero();
    }

    @Test
    void tooManyExpiriesFailTheJobForGood() {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 2);
        broker.fetch(queue, 1, 20);
        await().atMost(WAIT).until(() -> broker.recover(queue, 10, 0, 60).dead() == 1);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.LeaseExpired");
        assertThat(spool.deadLetters("default").size()).isEqualTo(1);
    }

    @Test
    void leasesAreRenewedWhileJobsRun() {
        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table()))
                .leaseDuration(Duration.ofMillis(300)).maintenanceInterval(Duration.ofMillis(50)).build().start());
        Job<Long> job = spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 1200L);
        assertThat(job.await(WAIT)).isEqualTo(1200L);
        assertThat(job.failure()).isEmpty();
        assertThat(redis.jedis.hget(queue.job(job.id()), "n")).isEqualTo("1"); // ran once, never reclaimed
    }

    @Test
    void gracefulShutdownHandsBackUnfinishedJobsAtOnce() {
        Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                .shutdownGrace(Duration.ofMillis(200)).build().start();
        Job<Long> quick = spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 50L);
        Job<Long> slow = spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 20_000L);
        await().atMost(WAIT).until(() -> slow.status() == JobStatus.ACTIVE && quick.status() == JobStatus.SUCCEEDED);
        long start = System.nanoTime();
        worker.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(slow.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(redis.jedis.lrange(queue.ready(), 0, -1)).containsExactly(slow.id());
        assertThat(redis.jedis.zcard(queue.active())).isZero();
        assertThat(redis.jedis.hget(queue.job(slow.id()), "n")).isEqualTo("0");
        assertThat(TestTasks.INTERRUPTED).isNotEmpty();
    }
}
