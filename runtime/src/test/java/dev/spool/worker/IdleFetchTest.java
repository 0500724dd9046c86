package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * An idle worker of one queue on one Redis sends its next fetch behind its {@code BLPOP} on the
 * same connection: Redis holds the fetch in that blocked client's query buffer and runs it as soon
 * as the pop returns, so a job enqueued to an idle worker is leased in one round trip.
 */
class IdleFetchTest {

    private RedisNamespace redis;
    private Spool spool;
    /** The newest Redis client before this test's client connected. */
    private long before;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("idlefetch");
        before = maxClientId();
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void theIdleWaitCarriesTheNextFetchAndAJobEnqueuedToItRuns() {
        try (Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table()))
                .shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedWithACommandBehind(before));
            for (int i = 0; i < 3; i++) {
                Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), i, 1);
                assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(i + 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> blockedWithACommandBehind(before));
            }
        }
    }

    @Test
    void aJobLeasedWhenTheIdleWaitTimesOutRunsOnItsFirstLeaseEvenWithAShortReservation() {
        // a 900 ms reservation: a job must start within 300 ms of its lease, less than the usual 1 s wait
        try (Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table()))
                .reservation(Duration.ofMillis(900)).shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults().delay(Duration.ofHours(1)), 2, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedWithACommandBehind(before));
            // ready without a wake-up token (as when another worker took it): only the wait's timeout
            // lets the fetch behind it run
            String q = redis.namespace + ":{" + redis.namespace + ":default}:";
            redis.jedis.eval("redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('LPUSH', KEYS[2], ARGV[1])",
                    List.of(q + "due", q + "ready"), List.of(job.id()));

            assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(5);
            // one leasing fetch draws one token: a job handed back as overdue would have drawn two
            assertThat(redis.jedis.get(q + "token")).isEqualTo("1");
        }
    }

    /** Whether a client opened after {@code id} is blocked in a BLPOP with a command waiting behind it. */
    private boolean blockedWithACommandBehind(long id) {
        return Arrays.stream(clientList().split("\n"))
                .filter(line -> line.contains(" cmd=blpop ") && line.contains(" flags=b "))
                .anyMatch(line -> field(line, "id") > id && field(line, "qbuf") > 0);
    }

    private long maxClientId() {
        return Arrays.stream(clientList().split("\n")).mapToLong(line -> field(line, "id")).max().orElse(0);
    }

    private String clientList() {
        return SafeEncoder.encode(
                (byte[]) redis.jedis.sendCommand(Protocol.Command.CLIENT, "LIST"));
    }

    private static long field(String line, String name) {
        for (String part : line.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return -1;
    }
}
