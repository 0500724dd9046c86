package dev.spool.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.samples.nested.Publications;
import dev.spool.samples.nested.PublicationsWorkflows;
import dev.spool.samples.nested.Publishing;
import dev.spool.samples.photos.ImageRef;
import dev.spool.workflow.WorkflowJob;
import dev.spool.workflow.WorkflowStatus;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nested workflows of {@link Publications} end to end: the generated class, the generated
 * dispatch tables and a worker against a real Redis. A {@code "#name"} step, member or header is
 * expanded into one DAG; these tests check the joins it makes, the order of the joined results
 * and that the error handler of a nested shape runs once.
 */
class NestedWorkflowsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAMESPACE = LocalRedis.freshNamespace("nested");
    private static final ImageRef IMAGE = new ImageRef("s3://p/cover.png", 4000, 2000);

    private static Spool spool;
    private static Worker worker;
    private static Publications publications;

    @BeforeAll
    static void startWorker() {
        spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(NAMESPACE).build();
        worker = Worker.builder(spool).concurrency(8).build().start();
        publications = new PublicationsWorkflows(spool);
    }

    @AfterAll
    static void stop() {
        worker.close();
        spool.close();
        SampleNamespace.delete(NAMESPACE);
    }

    @Test
    void aChainWhoseMiddleStepIsAChordRendersUploadsToEveryDestinationThenAnnouncesOnce() {
        List<String> destinations = IntStream.rangeClosed(1, 20).mapToObj(i -> "cdn-" + i).toList();

        Job<String> announced = publications.publish(IMAGE, 200, destinations, "ada@example.com");

        // a 200-pixel-wide thumbnail is 64 * 200 bytes at each of the 20 destinations
        assertThat(announced.await(WAIT)).isEqualTo("ada@example.com: 20 uploads, 256000 bytes");
        assertThat(announced.task()).isEqualTo("Publishing.announce");
        WorkflowStatus status = workflowOf(announced).workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        assertThat(status.jobs()).extracting(WorkflowStatus.Entry::task).containsExactly(expectedPublishTasks(20));
        assertThat(status.counts()).containsExactly(Map.entry(JobStatus.SUCCEEDED, 23));
    }

    @Test
    void aChainWithAnEmptyNestedChordGoesStraightFromRenderToTheJoinedEmptyList() {
        Job<String> announced = publications.publish(IMAGE, 200, List.of(), "ada@example.com");

        assertThat(announced.await(WAIT)).isEqualTo("ada@example.com: 0 uploads, 0 bytes");
        assertThat(workflowOf(announced).workflowStatus().jobs()).extracting(WorkflowStatus.Entry::task)
                .containsExactly("Thumbnails.render", "Publishing.sizes", "Publishing.announce");
    }

    @Test
    void aChordOfChainsRunsEachChainThroughItsThreeStepsAndJoinsTheLastResultsInShardOrder() {
        List<Integer> shards = IntStream.range(0, 10).map(i -> 9 - i).boxed().toList();

        Job<List<Long>> scores = publications.scoreShards(shards);

        // fetch gives "shard-<n>" (7 characters), parse 7 * 10 + n, score times 1000
        assertThat(scores.await(WAIT)).containsExactlyElementsOf(shards.stream().map(n -> (70L + n) * 1000).toList());
        WorkflowStatus status = workflowOf(scores).workflowStatus();
        assertThat(status.counts()).containsExactly(Map.entry(JobStatus.SUCCEEDED, 31));
        assertThat(status.jobs().get(30).task()).isEqualTo("Publishing.collect");
    }

    @Test
    void anErrorHandlerRunsOnceWhenMembersOfTheNestedChordFailAndTheAnnouncementNeverRuns() {
        int reportedBefore = Publishing.FAILURES_REPORTED.get();
        List<String> destinations = List.of("cdn-1", "fail:ftp-2", "cdn-3", "fail:ftp-4", "cdn-5");

        Job<String> announced = publications.publishOrReport(IMAGE, 100, destinations, "ada@example.com");

        assertThatThrownBy(() -> announced.await(WAIT)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Publishing.uploadTo")
                .hasMessageContaining("destination refused the upload: fail:ftp-");
        WorkflowJob<String> workflow = workflowOf(announced);
        Job<?> handler = workflow.jobs().get(workflow.jobs().size() - 1);
        assertThat(handler.task()).isEqualTo("Publishing.reportFailure");
        assertThat(handler.await(WAIT)).isEqualTo("ada@example.com: Publishing.uploadTo failed");
        // both failures are delivered to the handler; only the first releases it
        await().atMost(WAIT).until(() -> workflow.workflowStatus().jobs().stream()
                .filter(job -> job.task().equals("Publishing.uploadTo"))
                .allMatch(job -> job.status() == JobStatus.SUCCEEDED || job.status() == JobStatus.FAILED
                        || job.status() == JobStatus.CANCELLED));
        awaitNoPendingDeliveries();
        assertThat(Publishing.FAILURES_REPORTED.get() - reportedBefore).isEqualTo(1);
        assertThat(workflow.workflowStatus().jobs()).filteredOn(job -> job.task().equals("Publishing.announce"))
                .singleElement().extracting(WorkflowStatus.Entry::status).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void theErrorHandlerOfASucceedingNestedWorkflowIsMarkedNotNeededAndNeverRuns() {
        int reportedBefore = Publishing.FAILURES_REPORTED.get();

        Job<String> announced = publications.publishOrReport(IMAGE, 100, List.of("cdn-1", "cdn-2"), "ada@example.com");

        assertThat(announced.await(WAIT)).isEqualTo("ada@example.com: 2 uploads, 12800 bytes");
        WorkflowJob<String> workflow = workflowOf(announced);
        Job<?> handler = workflow.jobs().get(workflow.jobs().size() - 1);
        await().atMost(WAIT).until(() -> handler.status() == JobStatus.CANCELLED);
        assertThat(Publishing.FAILURES_REPORTED.get()).isEqualTo(reportedBefore);
        assertThat(workflow.workflowStatus().state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
    }

    private static String[] expectedPublishTasks(int uploads) {
        List<String> tasks = new ArrayList<>();
        tasks.add("Thumbnails.render");
        for (int i = 0; i < uploads; i++) {
            tasks.add("Publishing.uploadTo");
        }
        tasks.add("Publishing.sizes");
        tasks.add("Publishing.announce");
        return tasks.toArray(String[]::new);
    }

    /** A generated nested workflow starts one DAG and returns its handle. */
    @SuppressWarnings("unchecked")
    private static <R> WorkflowJob<R> workflowOf(Job<R> job) {
        assertThat(job).isInstanceOf(WorkflowJob.class);
        return (WorkflowJob<R>) job;
    }

    /**
     * Waits until no queue of this namespace has an outcome still to deliver to a join: every
     * queue's outbox ({@code Q:flows}, a sorted set) is gone once all its entries were delivered.
     */
    private static void awaitNoPendingDeliveries() {
        await().atMost(WAIT).until(() -> SampleNamespace.keys(NAMESPACE + ":{*}:flows").isEmpty());
    }
}
