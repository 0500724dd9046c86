package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.internal.Access;
import dev.spool.internal.Flows;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Jobs that wait for inputs never wait forever: a workflow whose start fails leaves none behind,
 * and every waiting record expires if no input arrives for the dead TTL (after the workflow's
 * delayed first jobs are due), each input extending it.
 */
class WaitingJobTest {

    private static final Duration DEAD_TTL = Duration.ofMinutes(10);

    private RedisNamespace redis;
    private Spool spool;
    private SpoolCore core;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("waiting-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool(Spool.builder().deadTtl(DEAD_TTL));
        core = Access.core(spool);
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private String state(QueueKeys queue, String id) {
        return redis.jedis.hget(queue.job(id), "s");
    }

    @Test
    void aStartThatFailsHalfwayLeavesNoJobWaiting() {
        QueueKeys good = core.keys().queue("good");
        QueueKeys broken = core.keys().queue("broken");
        redis.jedis.set(broken.waiting(), "not a hash"); // the last step's script fails, the middle one's succeeds
        Chain<Integer> chain = Workflow.chain(spool).first(FlowTasks.SQUARE, 3)
                .then(FlowTasks.SQUARE).options(JobOptions.defaults().queue("good"))
                .then(FlowTasks.SQUARE).options(JobOptions.defaults().queue("broken"));

        assertThatThrownBy(chain::start).isInstanceOf(SpoolException.class).hasMessageContaining("WRONGTYPE");

        List<String> records = redis.keys().stream().filter(k -> k.contains(":job:")).toList();
        assertThat(records).as("the middle step's record").hasSize(1).allMatch(k -> k.startsWith(good.jobPrefix()));
        String id = records.get(0).substring(good.jobPrefix().length());
        assertThat(state(good, id)).as("state of the middle step").isEqualTo("f");
        assertThat(redis.jedis.hget(good.job(id), "f")).contains(Flows.WORKFLOW_FAILED, "could not be started");
        assertThat(redis.jedis.ttl(good.job(id))).isPositive();
        assertThat(redis.jedis.llen(core.keys().queue("members").ready())).as("the first step never ran").isZero();
    }

    @Test
    void aWaitingJobExpiresAfterTheDeadTtlOnceItsWorkflowsDelayedJobsAreDue() {
        Duration delay = Duration.ofHours(1);
        WorkflowJob<Integer> chain = Workflow.chain(spool).first(FlowTasks.SQUARE, 3)
                .options(JobOptions.defaults().delay(delay)).then(FlowTasks.SQUARE).start();
        assertThat(chain.status()).isEqualTo(JobStatus.WAITING);
        QueueKeys members = core.keys().queue("members");
        long ttl = redis.jedis.ttl(members.job(chain.id()));
        long expected = DEAD_TTL.plus(delay).toSeconds();
        assertThat(ttl).isBetween(expected - 10, expected + 10);

        WorkflowJob<Integer> now = Workflow.chain(spool).first(FlowTasks.SQUARE, 3).then(FlowTasks.SQUARE).start();
        assertThat(redis.jedis.ttl(members.job(now.id()))).isBetween(DEAD_TTL.toSeconds() - 10, DEAD_TTL.toSeconds() + 10);
    }

    @Test
    void everyInputThatArrivesExtendsTheWaitOfTheJobAndItsJoinHash() {
        WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.SQUARE, List.of(1, 2, 3), x -> new Object[] {x})
                .callback(FlowTasks.COLLECT, redis.namespace).start();
        QueueKeys members = core.keys().queue("members");
        QueueKeys callbacks = core.keys().queue("callbacks");
        String record = callbacks.job(chord.id());
        String join = callbacks.joinPrefix() + chord.id();
        redis.jedis.expire(record, 5); // as if it had waited for almost the whole dead TTL

        Flows.of(core).deliver(List.of(new Flows.Delivery(members, chord.jobs().get(0).id(),
                new Flows.Target("callbacks", chord.id(), 0), true, "1")));

        assertThat(state(callbacks, chord.id())).isEqualTo("w");
        assertThat(redis.jedis.ttl(record)).isBetween(DEAD_TTL.toSeconds() - 10, DEAD_TTL.toSeconds());
        assertThat(redis.jedis.hlen(join)).isEqualTo(1);
        assertThat(redis.jedis.ttl(join)).isBetween(DEAD_TTL.toSeconds() - 10, DEAD_TTL.toSeconds());

        // an input never shortens a longer wait (a chord member delayed past the dead TTL)
        redis.jedis.expire(record, DEAD_TTL.toSeconds() * 3);
        Flows.of(core).deliver(List.of(new Flows.Delivery(members, chord.jobs().get(1).id(),
                new Flows.Target("callbacks", chord.id(), 1), true, "4")));
        assertThat(redis.jedis.ttl(record)).isGreaterThan(DEAD_TTL.toSeconds() * 2);
        assertThat(redis.jedis.ttl(join)).isGreaterThan(DEAD_TTL.toSeconds() * 2);
    }
}
