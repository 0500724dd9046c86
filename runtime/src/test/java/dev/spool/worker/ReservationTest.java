package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default prefetch buffer (= concurrency) holds jobs only for a short reservation: a job that
 * cannot start in time goes back to its queue for other workers, with its attempt not counted.
 */
class ReservationTest {

    private RedisNamespace redis;
    private Spool spool;
    private QueueKeys queue;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        queue = Access.core(spool).keys().queue("default");
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker(int concurrency, Duration reservation) {
        Worker.Builder builder = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(concurrency)
                .shutdownGrace(Duration.ofMillis(200));
        if (reservation != null) {
            builder.reservation(reservation);
        }
        return redis.track(builder.build());
    }

    @Test
    void aBufferedJobThatCannotStartIsHandedBackAndRunsOnAnotherWorkerWithOneAttempt() {
        Worker busy = worker(1, Duration.ofMillis(600)).start();
        Job<Long> slow = spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 10_000L);
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.status() == JobStatus.ACTIVE);
        Job<Integer> quick = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 20, 22);
        // the busy worker's buffer (prefetch = concurrency = 1 by default) takes the quick job
        await().atMost(Duration.ofSeconds(5)).until(() -> busy.jobsInHand() == 2 || quick.status().isFinal());

        worker(1, null).start();
        assertThat(quick.await(Duration.ofSeconds(8))).isEqualTo(42);
        assertThat(slow.status()).as("still running on the busy worker").isEqualTo(JobStatus.ACTIVE);
        assertThat(quick.attempts()).as("hand-backs are not attempts").isEqualTo(1);
    }

    @Test
    void theDefaultWorkerBuffersAsManyJobsAsItRuns() {
        Worker worker = worker(2, null).start();
        for (int i = 0; i < 4; i++) {
            spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 3_000L);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.jobsInHand() == 4);
        assertThat(redis.jedis.zcard(queue.active())).isEqualTo(4);
        assertThat(redis.jedis.llen(queue.ready())).isZero();
    }
}
