package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.JobFailedException;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Many-to-many dependencies: a job waits for several, several wait for one. */
class DagTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private void worker() {
        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table()))
                .queues(List.of("members", "callbacks", "default")).concurrency(4)
                .maintenanceInterval(Duration.ofMillis(100)).build().start());
    }

    @Test
    void diamondPassesEachResultToItsTypedParameterAndJoinsOnce() {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Integer> top = dag.job(FlowTasks.SQUARE, 3);                   // 9
        Dag.Ref<Integer> left = dag.after(List.of(top), FlowTasks.SQUARE);     // 81
        Dag.Ref<Integer> right = dag.after(List.of(top), FlowTasks.FRAGILE);   // 9
        Dag.Ref<Integer> bottom = dag.after(List.of(left, right, top), FlowTasks.ADD); // 81 + 9 + 9
        WorkflowJob<Integer> diamond = dag.start(bottom);
        assertThat(diamond.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.QUEUED, JobStatus.WAITING, JobStatus.WAITING, JobStatus.WAITING);

        worker();
        assertThat(diamond.await(WAIT)).isEqualTo(99);
        assertThat(diamond.workflowStatus().state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        assertThat(diamond.jobs().get(1).result().orElseThrow()).isEqualTo(81);
        assertThat(diamond.jobs().get(2).result().orElseThrow()).isEqualTo(9);
    }

    @Test
    void failureOfOneBranchFailsTheJoinAndRunsTheHandlerOnce() {
        String tag = redis.namespace + "-dag";
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Integer> top = dag.job(FlowTasks.FRAGILE, 13);
        Dag.Ref<Integer> left = dag.after(List.of(top), FlowTasks.SQUARE);
        Dag.Ref<Integer> right = dag.after(List.of(top), FlowTasks.SQUARE);
        Dag.Ref<Integer> bottom = dag.after(List.of(left, right, top), FlowTasks.ADD);
        dag.options(top, JobOptions.defaults().retries(0)).onFailure(FlowTasks.ALERT, tag);
        WorkflowJob<Integer> diamond = dag.start(bottom);

        worker();
        assertThatThrownBy(() -> diamond.await(WAIT)).isInstanceOf(JobFailedException.class);
        await().atMost(WAIT).until(() -> FlowTasks.ALERTS.containsKey(tag)
                && diamond.workflowStatus().jobs().get(4).status() == JobStatus.SUCCEEDED);
        assertThat(FlowTasks.ALERTS.get(tag)).singleElement()
                .satisfies(f -> assertThat(f.jobId()).isEqualTo(diamond.workflowId() + "-0"));
        assertThat(diamond.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.FAILED, JobStatus.FAILED, JobStatus.FAILED, JobStatus.FAILED,
                        JobStatus.SUCCEEDED);
    }

    @Test
    void chainsFromOneJobJoinedAsAListKeepTheirOrder() {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Integer> top = dag.job(FlowTasks.SQUARE, 2);                         // 4
        List<Dag.Ref<Integer>> lasts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Dag.Ref<Integer> plus = dag.after(List.of(top), FlowTasks.ADD, i, 0);    // 4 + i
            lasts.add(dag.after(List.of(plus), FlowTasks.SQUARE));                  // (4 + i)^2
        }
        Dag.Ref<Long> all = dag.afterAll(List.of(lasts.get(0), lasts.get(1), lasts.get(2)), FlowTasks.COLLECT, "nested");
        WorkflowJob<Long> flow = dag.start(all);

        worker();
        assertThat(flow.await(WAIT)).isEqualTo(0L * 16 + 1L * 25 + 2L * 36); // sum of i * input i: [16, 25, 36] in order
        assertThat(FlowTasks.COLLECTED_BY_ROUND.get("nested")).hasValue(1);
        assertThat(flow.jobs()).hasSize(8);
    }

    @Test
    void aListJoinChecksEveryInputsType() {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Integer> square = dag.job(FlowTasks.SQUARE, 2);
        Dag.Ref<List<FlowTasks.Score>> scores = dag.job(FlowTasks.SCORE, "a b");
        assertThatThrownBy(() -> dag.afterAll(List.of(square, scores), FlowTasks.COLLECT, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot take the result of job 1")
                .hasMessageContaining("not a java.util.List<");
        assertThatThrownBy(() -> dag.afterAll(List.of(square), FlowTasks.COLLECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument(s) after");
        assertThatThrownBy(() -> dag.afterAll(List.of(), FlowTasks.COLLECT, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.keys()).isEmpty();
    }

    @Test
    void typesAndOwnershipAreCheckedWhenBuilt() {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<List<FlowTasks.Score>> scores = dag.job(FlowTasks.SCORE, "a b");
        Dag.Ref<Integer> square = dag.job(FlowTasks.SQUARE, 2);
        assertThatThrownBy(() -> dag.after(List.of(scores, square), FlowTasks.ADD, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot take the result of job 0");
        assertThatThrownBy(() -> dag.after(List.of(square), FlowTasks.ADD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 2 argument(s) after");
        Dag other = Workflow.dag(spool);
        assertThatThrownBy(() -> other.after(List.of(square), FlowTasks.SQUARE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another DAG");
        assertThatThrownBy(() -> dag.after(List.of(), FlowTasks.SQUARE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.keys()).isEmpty();
    }
}
