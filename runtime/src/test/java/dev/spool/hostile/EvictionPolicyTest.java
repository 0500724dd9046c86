package dev.spool.hostile;

import dev.spool.testsupport.StderrTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * An operator switches a running Redis (one this test owns) to an evicting {@code
 * maxmemory-policy}: a worker that started under {@code noeviction} names the risk loudly within
 * 60 maintenance passes, once, and says so when the policy is {@code noeviction} again.
 */
class EvictionPolicyTest {

    private static final String WARNING = "maxmemory-policy=allkeys-lru: under memory pressure it EVICTS KEYS";

    private OwnedRedis server;
    private JedisPooled admin;
    private StderrTap log;

    @BeforeEach
    void setUp() {
        server = LocalRedis.startOwn();
        admin = new JedisPooled(server.url());
        admin.configSet("maxmemory-policy", "noeviction");
        log = new StderrTap();
    }

    @AfterEach
    void tearDown() {
        log.close();
        admin.close();
        server.close();
    }

    @Test
    void aRunningWorkerWarnsWhenThePolicyTurnsEvictingAndWhenItIsSafeAgain() {
        try (Spool spool = Spool.builder().redisUrl(server.url()).namespace("policy").build();
                Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).queues("default")
                        .maintenanceInterval(Duration.ofMillis(25)).build().start()) {
            assertThat(log.lines("maxmemory-policy")).as("noeviction: nothing to say").isEmpty();

            admin.configSet("maxmemory-policy", "allkeys-lru");
            // 60 passes of 25 ms: the worker checks again within 1.5 s.
            await().atMost(Duration.ofSeconds(6)).until(() -> !log.lines(WARNING).isEmpty());
            assertThat(log.lines(WARNING).get(0)).contains("WARN", "loses queued jobs", "repair");

            admin.configSet("maxmemory-policy", "noeviction");
            await().atMost(Duration.ofSeconds(6)).until(() -> !log.lines("maxmemory-policy=noeviction again").isEmpty());
            assertThat(log.lines(WARNING)).as("one warning per change, not one per check").hasSize(1);
            assertThat(worker.healthy()).isTrue();
        }
    }
}
