package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Options for a whole workflow ({@code start(JobOptions)}, what generated {@code with(...)} passes). */
class WorkflowOptionsTest {

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

    @Test
    void queueAndDelayApplyToEveryJobWithoutOptionsOfItsOwn() {
        WorkflowJob<Integer> chain = Workflow.chain(spool)
                .first(FlowTasks.SQUARE, 3)
                .then(FlowTasks.SQUARE).options(JobOptions.defaults().queue("own"))
                .then(FlowTasks.SQUARE)
                .start(JobOptions.defaults().queue("batch").delay(Duration.ofMillis(300)).retries(0));
        assertThat(chain.jobs()).extracting(Job::queue).containsExactly("batch", "own", "batch");
        assertThat(chain.jobs().get(0).status()).isEqualTo(JobStatus.SCHEDULED); // the delay holds the first step
        assertThat(chain.jobs().get(1).status()).isEqualTo(JobStatus.WAITING);

        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table())).queues(List.of("batch", "own"))
                .concurrency(2).build().start());
        assertThat(chain.await(WAIT)).isEqualTo(6561);
    }

    @Test
    void optionsThatArePerJobAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.SQUARE, 1).then(FlowTasks.SQUARE)
                .start(JobOptions.defaults().noRetryFor(IllegalStateException.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noRetryFor is per job");
        Job<Integer> earlier = spool.job("default", "0123456789abcd", FlowTasks.SQUARE.resultType());
        assertThatThrownBy(() -> Workflow.chord(spool).member(FlowTasks.COUNT, "1").member(FlowTasks.SUM, "1")
                .callback(FlowTasks.MEAN, "m").start(JobOptions.defaults().dependsOn(earlier)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dependsOn");
        assertThat(redis.keys()).isEmpty();
    }
}
