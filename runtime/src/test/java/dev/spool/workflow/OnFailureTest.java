package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.JobFailedException;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A workflow's onFailure handler: run exactly once with the first failure, or never. */
class OnFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> QUEUES = List.of("members", "callbacks", "default");

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("wf-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private void worker(int concurrency) {
        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table())).queues(QUEUES)
                .concurrency(concurrency).retryBackoff(Duration.ofMillis(20)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    /** Nothing left to deliver or run in the test's queues: a second handler run would have happened. */
    private void awaitQuiet() {
        SpoolCore core = Access.core(spool);
        List<QueueKeys> keys = QUEUES.stream().map(core.keys()::queue).toList();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> keys.stream().allMatch(q ->
                redis.jedis.zcard(q.flows()) == 0 && redis.jedis.llen(q.ready()) == 0 && redis.jedis.hlen(q.waiting()) == 0
                        && redis.jedis.zcard(q.due()) == 0 && redis.jedis.zcard(q.active()) == 0));
    }

    @Test
    void chordWithTwoFailingMembersRunsItsHandlerOnceWithTheFirstFailure() {
        String tag = redis.namespace + "-chord";
        // 20 members; members 3 and 11 fail for good (13 is unlucky), the others succeed.
        List<Integer> inputs = IntStream.range(0, 20).map(i -> i == 3 || i == 11 ? 13 : i == 13 ? 100 : i).boxed().toList();
        WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.FRAGILE, inputs, x -> new Object[] {x})
                .options(JobOptions.defaults().retries(0))
                .callback(FlowTasks.COLLECT, "never")
                .onFailure(FlowTasks.ALERT, tag).start();
        assertThat(chord.jobs()).hasSize(22);
        worker(4);

        assertThatThrownBy(() -> chord.await(WAIT)).isInstanceOf(JobFailedException.class);
        await().atMost(WAIT).until(() -> FlowTasks.ALERTS.containsKey(tag));
        awaitQuiet();
        List<WorkflowFailure> runs = FlowTasks.ALERTS.get(tag);
        assertThat(runs).as("handler runs").hasSize(1);
        WorkflowFailure failure = runs.get(0);
        assertThat(failure.jobId()).isIn(chord.workflowId() + "-3", chord.workflowId() + "-11");
        assertThat(failure.task()).isEqualTo("Flow.fragile");
        assertThat(failure.queue()).isEqualTo("members");
        assertThat(failure.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.message()).isEqualTo("unlucky 13");
        assertThat(failure.attempts()).isEqualTo(1);

        WorkflowStatus status = chord.workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.FAILED);
        WorkflowStatus.Entry handler = status.jobs().get(21);
        assertThat(handler.role()).isEqualTo("on failure");
        assertThat(handler.task()).isEqualTo("Flow.alert");
        assertThat(handler.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void chainThatFailsInTheMiddleRunsItsHandlerOnceAndTheLaterStepsNever() {
        String tag = redis.namespace + "-chain";
        WorkflowJob<Integer> chain = Workflow.chain(spool)
                .first(FlowTasks.SQUARE, 4)
                .then(FlowTasks.FRAGILE).options(JobOptions.defaults().retries(0)) // 16: fine
                .then(FlowTasks.SQUARE)
                .then(FlowTasks.FRAGILE).options(JobOptions.defaults().retries(0)) // 256: fine
                .onFailure(FlowTasks.ALERT, tag).start();
        String failingTag = redis.namespace + "-chain-failing";
        WorkflowJob<Integer> failing = Workflow.chain(spool)
                .first(FlowTasks.FRAGILE, 13).options(JobOptions.defaults().retries(0))
                .then(FlowTasks.SQUARE)
                .then(FlowTasks.SQUARE)
                .onFailure(FlowTasks.ALERT, failingTag).start();
        worker(2);

        assertThat(chain.await(WAIT)).isEqualTo(256);
        assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOf(JobFailedException.class);
        await().atMost(WAIT).until(() -> FlowTasks.ALERTS.containsKey(failingTag));
        awaitQuiet();
        assertThat(FlowTasks.ALERTS.get(failingTag)).singleElement()
                .satisfies(f -> assertThat(f.jobId()).isEqualTo(failing.workflowId() + "-0"));
        assertThat(failing.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.FAILED, JobStatus.FAILED, JobStatus.FAILED, JobStatus.SUCCEEDED);

        // The chain that succeeded: its handler never ran and is reported as not needed.
        assertThat(FlowTasks.ALERTS).doesNotContainKey(tag);
        WorkflowStatus status = chain.workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        WorkflowStatus.Entry handler = status.jobs().get(4);
        assertThat(handler.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(handler.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.NotNeeded");
        // ... also when found again by id
        assertThat(spool.workflow(chain.workflowId()).orElseThrow().workflowStatus().state())
                .isEqualTo(WorkflowStatus.State.SUCCEEDED);
    }

    @Test
    void handlerMustTakeAWorkflowFailureFirst() {
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.SQUARE, 2).then(FlowTasks.SQUARE)
                .onFailure(FlowTasks.TAG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must take a dev.spool.workflow.WorkflowFailure as its first parameter");
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.SQUARE, 2).then(FlowTasks.SQUARE)
                .onFailure(FlowTasks.ALERT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument(s) after");
        assertThat(redis.keys()).isEmpty();
    }
}
