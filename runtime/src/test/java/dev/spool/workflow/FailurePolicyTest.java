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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** What happens to a chord's queued members when one fails for good. */
class FailurePolicyTest {

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

    /** 40 members; the first fails at once, the others are queued behind it. */
    private Plan<Long> chordWhoseFirstMemberFails() {
        List<Integer> inputs = IntStream.range(0, 40).map(i -> i == 0 ? 13 : 100 + i).boxed().toList();
        return Workflow.chordOver(spool, FlowTasks.FRAGILE, inputs, x -> new Object[] {x})
                .options(JobOptions.defaults().retries(0))
                .callback(FlowTasks.COLLECT, "never");
    }

    private void oneSlowWorker() {
        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table())).queues(List.of("members", "callbacks"))
                .concurrency(1).maintenanceInterval(Duration.ofMillis(100)).build().start());
    }

    @Test
    void byDefaultQueuedMembersAreCancelledWhenOneFails() {
        WorkflowJob<Long> chord = chordWhoseFirstMemberFails().start();
        oneSlowWorker();

        assertThatThrownBy(() -> chord.await(WAIT)).isInstanceOf(JobFailedException.class);
        // every member ends: cancelled before it ran, or it ran (it was fetched before the failure)
        await().atMost(WAIT).until(() -> {
            Map<JobStatus, Integer> counts = chord.workflowStatus().counts();
            return counts.getOrDefault(JobStatus.CANCELLED, 0) + counts.getOrDefault(JobStatus.SUCCEEDED, 0) == 39;
        });
        Map<JobStatus, Integer> counts = chord.workflowStatus().counts();
        assertThat(counts.getOrDefault(JobStatus.CANCELLED, 0)).as("cancelled members").isGreaterThanOrEqualTo(30);
        WorkflowStatus.Entry cancelled = chord.workflowStatus().jobs().stream()
                .filter(job -> job.status() == JobStatus.CANCELLED).findFirst().orElseThrow();
        assertThat(cancelled.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.Cancelled");
        assertThat(cancelled.failure().orElseThrow().message()).contains("job " + chord.workflowId() + "-0 failed for good");
    }

    @Test
    void letFinishRunsEveryQueuedMember() {
        WorkflowJob<Long> chord = chordWhoseFirstMemberFails().failurePolicy(FailurePolicy.LET_FINISH).start();
        oneSlowWorker();

        assertThatThrownBy(() -> chord.await(WAIT)).isInstanceOf(JobFailedException.class);
        await().atMost(WAIT).until(() -> chord.workflowStatus().counts().getOrDefault(JobStatus.SUCCEEDED, 0) == 39);
        assertThat(chord.workflowStatus().counts()).doesNotContainKey(JobStatus.CANCELLED);
    }
}
