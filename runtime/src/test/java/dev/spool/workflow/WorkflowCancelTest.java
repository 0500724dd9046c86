package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import dev.spool.workflow.FlowTasks.Score;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Cancelling a whole workflow through its handle: every job that has not run never runs. */
class WorkflowCancelTest {

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("wfc-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void cancellingAChainCancelsItsQueuedAndWaitingStepsAndNoneRuns() {
        WorkflowJob<Score> chain = Workflow.chain(spool)
                .first(FlowTasks.SCORE, "a quick fox")
                .then(FlowTasks.INDEX, "w:")
                .then(FlowTasks.BEST, 100).start();
        Cancellation last = chain.cancel();
        assertThat(last.outcome()).isEqualTo(Cancellation.Outcome.CANCELLED);
        assertThat(last.before()).isEqualTo(JobStatus.WAITING);
        assertThat(chain.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.CANCELLED, JobStatus.CANCELLED, JobStatus.CANCELLED);
        assertThat(chain.workflowStatus().state()).isEqualTo(WorkflowStatus.State.FAILED);

        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table())).queues(WorkflowTest.QUEUES)
                .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(2)).build().start());
        Job<?> first = chain.jobs().get(0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> first.status() == JobStatus.CANCELLED && chain.status() == JobStatus.CANCELLED);
        assertThat(first.attempts()).isZero(); // never fetched
        assertThat(chain.cancel().outcome()).isEqualTo(Cancellation.Outcome.ALREADY_FINISHED);
    }
}
