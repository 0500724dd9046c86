package dev.spool.fault;

import dev.spool.testsupport.StderrTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.RedisOutOfMemoryException;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import redis.clients.jedis.Jedis;

/** A Redis at {@code maxmemory} with {@code noeviction}, on a server this test owns. */
class RedisMemoryTest {

    private OwnedRedis server;
    private FaultNamespace world;
    private Jedis admin;
    private StderrTap log;

    @BeforeEach
    void setUp(TestInfo info) {
        server = LocalRedis.startOwn();
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase(), server.url());
        admin = new Jedis("127.0.0.1", server.port());
        admin.configSet("maxmemory-policy", "noeviction");
        log = new StderrTap();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        admin.configSet("maxmemory", "0");
        admin.close();
        world.close();
        server.close();
    }

    @Test
    void aWorkerTakesNoWorkItCouldNotRecordWhileRedisIsFullAndRunsItOnceWhenMemoryFrees() {
        Spool spool = world.spool();
        spool.queue("fault").pause();
        List<String> keys = new ArrayList<>();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add("full-" + i);
            arguments.add(new Object[] {"full-" + i, 0L});
        }
        List<Job<String>> jobs = spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        world.worker(world.spool(), 4, Duration.ofSeconds(1));
        admin.configSet("maxmemory", "1"); // every write that needs memory is refused from now on
        admin.del(world.queueKey("paused")); // a DEL needs no memory

        // For five leases nothing is leased, run or taken back; the worker says so once.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() ->
                admin.zcard(world.queueKey("active")) == 0 && admin.llen(world.queueKey("ready")) == 8);
        assertThat(LedgerCheck.of(world.ledger, keys).runs()).isZero();
        assertThat(log.lines("Redis is out of memory (maxmemory) and refuses writes")).hasSize(1);

        admin.configSet("maxmemory", "0");
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(check.runs()).as("each job ran once").isEqualTo(8);
        assertThat(check.duplicated()).isEmpty();
        assertThat(log.lines("answers again")).isNotEmpty();
    }

    @Test
    void aRefusedBulkEnqueueNamesExactlyTheJobsItWrote() {
        Spool spool = world.spool();
        long used = Long.parseLong(admin.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .findFirst().orElseThrow().substring("used_memory:".length()).trim());
        admin.configSet("maxmemory", Long.toString(used + 3 * 1024 * 1024));
        // One script call writes up to 1,000 jobs: the first 1,000 (small) fit, the call with the
        // last 10 (400 KB each, 4 MB) does not, and is refused whole.
        String big = "x".repeat(400_000);
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            arguments.add(new Object[] {"small-" + i, 0L});
        }
        List<Object[]> bigOnes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bigOnes.add(new Object[] {big + i, 0L});
        }
        arguments.addAll(bigOnes);
        RedisOutOfMemoryException refused = catchThrowableOfType(
                () -> spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments), RedisOutOfMemoryException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.writtenIds()).hasSize(1000);
        assertThat(refused.getMessage()).contains("1000 of 1010 jobs were written");
        Set<String> inWait = new HashSet<>(admin.hkeys(world.queueKey("wait")));
        assertThat(inWait).containsExactlyInAnyOrderElementsOf(refused.writtenIds());
        assertThat(admin.llen(world.queueKey("ready"))).isEqualTo(1000);

        // A batch of one call is written whole or not at all.
        RedisOutOfMemoryException again = catchThrowableOfType(
                () -> spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), bigOnes), RedisOutOfMemoryException.class);
        assertThat(again.writtenIds()).isEmpty();
        assertThat(again.getMessage()).contains("nothing was written");
        assertThat(admin.hlen(world.queueKey("wait"))).isEqualTo(1000);
    }
}
