package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.internal.LuaScript;
import dev.spool.localredis.LocalRedis;
import dev.spool.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A proxy between Spool and Redis swallows single replies: the call ran, its answer is lost, and
 * Spool asks again. Nothing may run twice because of it, and nothing may stay leased to nobody.
 */
class LostReplyFaultTest {

    private FaultNamespace world;
    private FaultProxy proxy;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        URI uri = URI.create(LocalRedis.url());
        proxy = world.track(new FaultProxy(uri.getHost(), uri.getPort()));
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private Spool throughProxy() {
        return world.track(Spool.builder().redisUrl(proxy.url()).namespace(world.namespace).poolSize(16)
                .timeout(Duration.ofSeconds(2)).build());
    }

    @Test
    void anEnqueueAskedAgainAfterALostReplyRunsItsJobOnceEvenWhenAWorkerFetchedItInBetween() {
        Spool producer = throughProxy();
        world.worker(world.spool(), 4, Duration.ofSeconds(5));
        List<String> keys = new ArrayList<>();
        List<Job<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "once-" + i;
            keys.add(key);
            proxy.dropReplyTo(key);
            jobs.add(producer.enqueue(FaultTasks.WORK, JobOptions.defaults(), key, 0L));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(proxy.dropped()).isEqualTo(20);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice").isEmpty();
        assertThat(check.runs()).isEqualTo(20);
    }

    @Test
    void aBulkEnqueueAskedAgainAfterALostReplyRunsEachJobOnce() {
        Spool producer = throughProxy();
        world.worker(world.spool(), 4, Duration.ofSeconds(5));
        List<String> keys = new ArrayList<>();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("bulk-" + i);
            arguments.add(new Object[] {"bulk-" + i, 0L});
        }
        proxy.dropReplyTo(LuaScript.ENQUEUE_JOBS.sha());
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(proxy.dropped()).isEqualTo(1);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice").isEmpty();
        assertThat(check.runs()).isEqualTo(20);
    }

    @Test
    void aFetchAskedAgainAfterALostReplyGetsTheSameBatchInsteadOfLeavingItLeasedToNobody() {
        Spool producer = world.spool();
        List<String> keys = new ArrayList<>();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add("batch-" + i);
            arguments.add(new Object[] {"batch-" + i, 0L});
        }
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        proxy.dropReplyTo(LuaScript.FETCH_JOBS.sha());
        Duration lease = Duration.ofSeconds(30);
        long start = System.nanoTime();
        Worker worker = world.worker(throughProxy(), 10, lease);
        // Without the repeat, the lost batch would wait for its leases (30 s) to expire.
        await().atMost(Duration.ofSeconds(10)).until(() -> world.succeeded(jobs) == jobs.size());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(proxy.dropped()).isEqualTo(1);
        assertThat(millis).isLessThan(lease.toMillis() / 3);
        for (Job<String> job : jobs) {
            assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).as("attempts of %s", job.id()).isEqualTo("1");
            assertThat(world.jedis.hget(world.jobKey(job.id()), "c")).as("lease expiries of %s", job.id()).isNull();
        }
        assertThat(LedgerCheck.of(world.ledger, keys).duplicated()).isEmpty();
        assertThat(worker.jobsInHand()).isZero();
    }
}
