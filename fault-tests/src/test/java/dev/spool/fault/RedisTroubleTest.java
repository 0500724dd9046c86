package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.RedisOutOfMemoryException;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Scenarios 3, 5 and 6 and Redis' out-of-memory refusal, on a Redis server this test owns (so it may
 * kill every client connection and stop the server).
 */
class RedisTroubleTest {

    private static final Logger log = LoggerFactory.getLogger(RedisTroubleTest.class);

    private OwnedRedis server;
    private FaultNamespace world;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        server = LocalRedis.startOwn();
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase(), server.url());
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
        server.close();
    }

    private static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    private static List<Job<String>> enqueue(Spool spool, List<String> keys, long millis) {
        List<Job<String>> jobs = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 1000) {
            List<Object[]> arguments = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> new Object[] {k, millis}).toList();
            jobs.addAll(spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments));
        }
        return jobs;
    }

    @Test
    void aJobRunningFiveTimesItsLeaseIsNeverReclaimed() {
        Spool spool = world.spool();
        Duration lease = Duration.ofSeconds(1);
        world.worker(spool, 2, lease);
        world.worker(world.spool(), 2, lease); // a rival that would take the job if its lease lapsed
        Job<String> job = enqueue(spool, List.of("long"), 5 * lease.toMillis()).get(0);
        assertThat(job.await(Duration.ofSeconds(20))).isNotEmpty();
        assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).isEqualTo("1");
        assertThat(world.jedis.hget(world.jobKey(job.id()), "c")).isNull();
        LedgerCheck check = LedgerCheck.of(world.ledger, List.of("long"));
        assertThat(check.runs()).isEqualTo(1);
        assertThat(check.lost()).isEmpty();
    }

    @Test
    void killingEveryClientConnectionEveryTwoSecondsLosesNoneOf10000Jobs() throws Exception {
        Spool producer = world.spool();
        List<String> keys = keys("k-", 10_000);
        List<Job<String>> jobs = enqueue(producer, keys, 6);
        Duration lease = Duration.ofSeconds(2);
        world.worker(world.spool(), 8, lease);
        world.worker(world.spool(), 8, lease);

        AtomicBoolean killing = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
                while (killing.get()) {
                    WorkerProcess.sleep(2000);
                    if (!killing.get()) {
                        break;
                    }
                    // Every normal client but this one (SKIPME yes is the default).
                    Object n = admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "normal");
                    kills.incrementAndGet();
                    killed.addAndGet(((Long) n).intValue());
                }
            }
        }, "connection-killer");
        long start = System.nanoTime();
        killer.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> succeeded(jobs) == keys.size());
        } finally {
            killing.set(false);
            killer.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        log.info("10,000 jobs with every client connection killed every 2 s: done in {} ms, {} kill rounds ({} connections);"
                + " ledger: {}", millis, kills.get(), killed.get(), check);
        assertThat(kills.get()).isGreaterThanOrEqualTo(1);
        assertThat(check.lost()).isEmpty();
        assertThat(check.unexpected()).isEmpty();
    }

    /** Succeeded jobs, counted on a fresh connection each time (the killer may have closed the last one). */
    private long succeeded(List<Job<String>> jobs) {
        try {
            return world.succeeded(jobs);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Test
    void workersResumeOnTheirOwnWhenRedisComesBack() {
        Spool producer = world.spool();
        Spool workerClient = world.spool();
        Worker worker = world.worker(workerClient, 4, Duration.ofSeconds(2));
        List<String> keys = keys("r-", 600);
        List<Job<String>> jobs = enqueue(producer, keys, 10); // acknowledged by Redis (AOF, fsync always)
        await().atMost(Duration.ofSeconds(10)).until(() -> world.succeeded(jobs) > 20);

        server.stop();
        long stoppedAt = System.nanoTime();
        WorkerProcess.sleep(4000);
        server.start();
        long restartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> succeeded(jobs) == keys.size());
        long resumedMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        log.info("Redis stopped for {} ms and restarted: the same worker finished all 600 jobs {} ms after the restart;"
                + " ledger: {}", (restartedAt - stoppedAt) / 1_000_000, resumedMillis, check);
        assertThat(check.lost()).isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(worker.jobsInHand()).isZero();
        // The worker keeps serving new jobs without a restart of its own.
        Job<String> after = producer.enqueue(FaultTasks.WORK, JobOptions.defaults(), "after", 0L);
        assertThat(after.await(Duration.ofSeconds(10))).isEqualTo(worker.id());
    }

    @Test
    void enqueueOnAFullRedisIsATypedErrorAndWritesNothing() {
        Spool spool = world.spool();
        try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
            long used = Long.parseLong(admin.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                    .findFirst().orElseThrow().substring("used_memory:".length()).trim());
            admin.configSet("maxmemory-policy", "noeviction");
            admin.configSet("maxmemory", Long.toString(used + 2 * 1024 * 1024));
            String big = "x".repeat(100_000);
            int written = 0;
            RedisOutOfMemoryException refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    spool.enqueue(FaultTasks.WORK, JobOptions.defaults(), big + i, 0L);
                    written++;
                } catch (RedisOutOfMemoryException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("Redis refused an enqueue with OOM").isNotNull();
            assertThat(written).isGreaterThan(0);
            // No half-written job: every queued id has its payload and vice versa.
            assertThat(world.jedis.hlen(world.queueKey("wait"))).isEqualTo(written);
            assertThat(world.jedis.llen(world.queueKey("ready"))).isEqualTo(written);
            assertThatThrownBy(() -> spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(),
                    List.of(new Object[] {big + "a", 0L}, new Object[] {big + "b", 0L})))
                    .isInstanceOf(RedisOutOfMemoryException.class);
            assertThat(world.jedis.hlen(world.queueKey("wait"))).isEqualTo(written);
            admin.configSet("maxmemory", "0");
        }
    }
}
