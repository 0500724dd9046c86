package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Finding a workflow again by its id, in another process than the one that started it. */
class ReattachTest {

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

    /** Starts a chain in a JVM of its own, which exits; returns the workflow id it printed. */
    private String startInAnotherJvm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReattachStarter.class.getName(), redis.url, redis.namespace)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String id = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("workflow ")) {
                    id = line.substring("workflow ".length()).trim();
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the starter exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(id).as("the starter printed the workflow id").isNotNull();
        return id;
    }

    @Test
    void startedByAnotherJvmThatExitedIsFoundByIdWithStatusTasksAndTypedResult() throws Exception {
        String id = startInAnotherJvm();

        WorkflowJob<FlowTasks.Score> found = spool.workflow(id, TypeRef.of(FlowTasks.Score.class)).orElseThrow();
        assertThat(found.workflowId()).isEqualTo(id);
        assertThat(found.task()).isEqualTo("Text.best");
        assertThat(found.jobs()).extracting(Job::task).containsExactly("Text.score", "Text.index", "Text.best");
        WorkflowStatus before = found.workflowStatus();
        assertThat(before.state()).isEqualTo(WorkflowStatus.State.RUNNING);
        assertThat(before.jobs()).extracting(WorkflowStatus.Entry::role).containsExactly("step 1", "step 2", "step 3");
        assertThat(before.jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.QUEUED, JobStatus.WAITING, JobStatus.WAITING);

        redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table()))
                .queues(List.of("default", "members")).concurrency(2).build().start());
        assertThat(found.await(WAIT)).isEqualTo(new FlowTasks.Score("quickest", 1008));
        WorkflowStatus after = found.workflowStatus();
        assertThat(after.state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        assertThat(after.counts()).containsEntry(JobStatus.SUCCEEDED, 3);

        // Without a result type: plain JSON values.
        WorkflowJob<Object> untyped = spool.workflow(id).orElseThrow();
        assertThat(untyped.result().orElseThrow()).isEqualTo(Map.of("name", "quickest", "points", 1008));
        @SuppressWarnings("unchecked")
        Map<String, Object> index = (Map<String, Object>) untyped.jobs().get(1).result().orElseThrow();
        assertThat(index).containsKeys("w:the", "w:quickest", "w:brown", "w:fox");
    }

    @Test
    void eachJobFindsItsWorkflowByItsOwnIdAndAPlainJobHasNone() {
        WorkflowJob<FlowTasks.Score> chain = Workflow.chain(spool).first(FlowTasks.SCORE, "a brown fox")
                .then(FlowTasks.INDEX, "w:").then(FlowTasks.BEST, 1000).start();
        for (Job<?> member : chain.jobs()) {
            WorkflowJob<Object> found = Workflow.ofJob(spool, member.id()).orElseThrow();
            assertThat(found.workflowId()).isEqualTo(chain.workflowId());
            assertThat(found.jobs()).extracting(Job::id).containsExactlyElementsOf(
                    chain.jobs().stream().map(Job::id).toList());
        }
        Job<FlowTasks.Score> plain = spool.enqueue(FlowTasks.BEST, dev.spool.JobOptions.defaults(), java.util.Map.of(), 1);
        assertThat(Workflow.ofJob(spool, plain.id())).isEmpty();
        assertThat(Workflow.ofJob(spool, chain.workflowId() + "-7")).isEmpty(); // no such position
        assertThat(Workflow.ofJob(spool, chain.workflowId() + "-x")).isEmpty();
        assertThat(Workflow.ofJob(spool, "no such id!")).isEmpty();
    }

    @Test
    void unknownIdIsEmptyAndAMalformedIdIsRefused() {
        assertThat(spool.workflow("0123456789abcdef")).isEmpty();
        assertThatThrownBy(() -> spool.workflow("no such id!")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("invalid workflow id");
        assertThat(redis.keys()).isEmpty();
    }
}
