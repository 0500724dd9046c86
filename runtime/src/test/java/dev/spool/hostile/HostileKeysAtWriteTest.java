package dev.spool.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import dev.spool.internal.Redis.Call;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.QueueCalls;
import dev.spool.internal.queue.ScriptFailedException;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.JedisPooled;

/**
 * The scripts that create, sweep and delete jobs check the types of the keys they touch before
 * their first write, as the fetch and completion scripts do: a wrong-typed key is a clear error
 * and leaves nothing half-written (no payload without its queue entry).
 */
class HostileKeysAtWriteTest {

    private RedisNamespace redis;
    private Spool spool;
    private QueueKeys q;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("hostile-write-" + info.getDisplayName().replaceAll("[^a-z0-9]", "").toLowerCase());
        spool = redis.spool();
        q = Access.core(spool).keys().queue("rough");
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    static Stream<Arguments> wrongKeys() {
        return Stream.of(
                Arguments.of("ready", (BiConsumer<JedisPooled, QueueKeys>) (j, k) -> j.set(k.ready(), "x")),
                Arguments.of("due", (BiConsumer<JedisPooled, QueueKeys>) (j, k) -> j.set(k.due(), "x")),
                Arguments.of("signal", (BiConsumer<JedisPooled, QueueKeys>) (j, k) -> j.set(k.signal(), "x")),
                Arguments.of("wait", (BiConsumer<JedisPooled, QueueKeys>) (j, k) -> j.set(k.waiting(), "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongKeys")
    void anEnqueueMeetingAWrongTypedKeyFailsClearlyAndWritesNothing(String key, BiConsumer<JedisPooled, QueueKeys> corrupt) {
        corrupt.accept(redis.jedis, q);
        JobOptions now = JobOptions.defaults().queue("rough");
        JobOptions later = now.delay(Duration.ofMinutes(1));
        for (JobOptions options : List.of(now, later)) {
            assertThatThrownBy(() -> spool.enqueue(TestTasks.RECORD, options, "one")).isInstanceOf(SpoolException.class)
                    .hasMessageContaining("SPOOL WRONGTYPE");
            assertThatThrownBy(() -> spool.enqueueAll(TestTasks.RECORD, options, List.of(new Object[] {"a"}, new Object[] {"b"})))
                    .isInstanceOf(SpoolException.class).hasMessageContaining("SPOOL WRONGTYPE")
                    .hasMessageContaining("nothing was written");
        }
        if (!key.equals("wait")) {
            assertThat(redis.jedis.hlen(q.waiting())).as("no payload without its queue entry").isZero();
        }
    }

    @Test
    void aWorkflowMeetingAWrongTypedFlowsSetFailsClearlyAndWritesNoMember() {
        redis.jedis.set(q.flows(), "x");
        assertThatThrownBy(() -> Workflow.chain(spool).first(TestTasks.RECORD, "a").then(TestTasks.RECORD)
                .options(JobOptions.defaults().queue("rough")).start())
                .isInstanceOf(SpoolException.class).hasMessageContaining("SPOOL WRONGTYPE");
        assertThat(redis.jedis.exists(q.waiting())).isFalse();
        assertThat(redis.jedis.exists(q.ready())).isFalse();
    }

    @Test
    void aWaitingJobWhoseIdHoldsAnotherTypeIsRefusedAsTaken() {
        redis.jedis.sadd(q.job("w1"), "junk");
        Call create = QueueCalls.createWaiting(q, "w1", "Calc.record\n0\n\n", "[]", 1, 's', List.of(), 600);
        Redis calls = Access.core(spool).redis();
        assertThat(calls.eval(create.script(), create.keys(), create.args())).isEqualTo(-2L);
        assertThat(redis.jedis.type(q.job("w1"))).isEqualTo("set");
    }

    @Test
    void theSweeperDeliversARecordOfAnotherTypeAsFailedAndRefusesAWrongTypedFlowsSet() {
        Redis calls = Access.core(spool).redis();
        redis.jedis.set(q.job("gone"), "not a hash");
        redis.jedis.zadd(q.flows(), 0, "gone|other|target|0");
        Call sweep = QueueCalls.sweep(q, 10);
        List<?> out = (List<?>) calls.eval(sweep.script(), sweep.keys(), sweep.args());
        assertThat(out).hasSize(4);
        assertThat(out.get(1)).isEqualTo("f");
        assertThat((String) out.get(2)).contains("dev.spool.CorruptRecord").contains("is not a hash");

        redis.jedis.del(q.flows());
        redis.jedis.set(q.flows(), "x");
        assertThatThrownBy(() -> calls.eval(sweep.script(), sweep.keys(), sweep.args())).hasMessageContaining("SPOOL WRONGTYPE");
    }

    @Test
    void deletingADeadJobFromAWrongTypedDeadSetIsAScriptErrorThatWritesNothing() {
        Broker broker = Access.core(spool).broker();
        redis.jedis.hset(q.job("d1"), Map.of("s", "f"));
        redis.jedis.set(q.dead(), "x");
        assertThatThrownBy(() -> broker.deleteDead(q, "d1")).isInstanceOf(ScriptFailedException.class)
                .hasMessageContaining("SPOOL WRONGTYPE " + q.dead());
        assertThat(redis.jedis.exists(q.job("d1"))).isTrue();
    }
}
