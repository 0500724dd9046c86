package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.test.TestTasks;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Connecting loads no script (it costs a cold JVM what reading and hashing 36 scripts costs); a
 * client loads each script at its first call, once, under the SHA Redis answers, and its calls
 * still run after Redis lost its scripts. On a Redis of its own: the last test flushes the scripts.
 */
class ScriptLoadingTest {

    private static final JobOptions CALM = JobOptions.defaults().queue("calm");

    private OwnedRedis server;
    private JedisPooled admin;

    @BeforeEach
    void setUp() {
        server = LocalRedis.startOwn();
        admin = new JedisPooled(server.url());
    }

    @AfterEach
    void tearDown() {
        admin.close();
        server.close();
    }

    private long calls(String command) {
        String info = SafeEncoder.encode((byte[]) admin.sendCommand(Protocol.Command.INFO, "commandstats"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** SCRIPT LOAD calls: Redis 7 counts them as {@code script|load}, older ones as {@code script}. */
    private long scriptLoads() {
        return calls("script|load") + calls("script");
    }

    private Spool connect() {
        return Spool.builder().redisUrl(server.url()).namespace("loading").build();
    }

    @Test
    void connectingLoadsNoScriptAndAClientLoadsEachScriptOnceAtItsFirstCall() {
        admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        try (Spool spool = connect()) {
            assertThat(scriptLoads()).as("SCRIPT LOAD calls at connect").isZero();
            assertThat(calls("evalsha") + calls("eval")).as("script calls at connect").isZero();

            Job<Integer> first = spool.enqueue(TestTasks.ADD, CALM, 1, 2);
            spool.enqueue(TestTasks.ADD, CALM, 3, 4);
            assertThat(scriptLoads()).as("enqueueJob loaded once for two enqueues").isEqualTo(1);
            assertThat(calls("evalsha")).as("both enqueues by SHA").isEqualTo(2);
            assertThat(admin.scriptExists(List.of(LuaScript.ENQUEUE_JOB.sha()))).as("the SHA the client calls").containsExactly(true);

            assertThat(first.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(spool.queue("calm").counts().queued()).isEqualTo(2);
        }
        long before = scriptLoads();
        try (Spool again = connect()) {
            again.enqueue(TestTasks.ADD, CALM, 5, 6);
            assertThat(scriptLoads()).as("a new client loads the script it calls").isEqualTo(before + 1);
        }
    }

    @Test
    void aClientWhoseRedisLostItsScriptsStillRunsThem() {
        try (Spool spool = connect()) {
            spool.enqueue(TestTasks.ADD, CALM, 1, 2);
            admin.sendCommand(Protocol.Command.SCRIPT, "FLUSH");
            admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

            spool.enqueue(TestTasks.ADD, CALM, 3, 4);
            assertThat(calls("eval")).as("NOSCRIPT, then EVAL").isEqualTo(1);
            spool.enqueue(TestTasks.ADD, CALM, 5, 6);
            assertThat(calls("eval")).as("EVAL cached the script again").isEqualTo(1);
            assertThat(calls("evalsha")).as("the one that met NOSCRIPT, then the next").isEqualTo(2);
            assertThat(spool.queue("calm").counts().queued()).isEqualTo(3);
        }
    }
}
