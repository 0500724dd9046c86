package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.worker.Worker;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The core scenarios a Spool user relies on, run against whatever Redis the client is connected to:
 * enqueue and results, retries, delays, a chain across queues, a list chord and a chord of
 * different tasks across queues, all served by one worker on the three queues.
 */
final class Scenarios {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Scenarios() {}

    /** A worker on all three queues. */
    static Worker worker(Spool spool) {
        return Worker.builder(spool).taskTables(List.of(new ClusterTasks.Table())).queues(ClusterTasks.QUEUES)
                .concurrency(8).retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build();
    }

    /** Runs every scenario; {@code label} keeps the runs of several tests apart. */
    static void runAll(Spool spool, String label) {
        enqueueAndResults(spool);
        retries(spool, label);
        delays(spool);
        chainAcrossQueues(spool);
        listChord(spool, label);
        chordAcrossQueues(spool);
        idleWorkerWakesOnEveryQueue(spool);
    }

    static void enqueueAndResults(Spool spool) {
        List<Job<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(spool.enqueue(ClusterTasks.ADD, JobOptions.defaults(), i, 1000));
        }
        List<Job<Integer>> bulk = spool.enqueueAll(ClusterTasks.SQUARE, JobOptions.defaults(),
                IntStream.range(0, 100).mapToObj(i -> new Object[] {i}).toList());
        for (int i = 0; i < jobs.size(); i++) {
            assertThat(jobs.get(i).await(WAIT)).isEqualTo(i + 1000);
        }
        for (int i = 0; i < bulk.size(); i++) {
            assertThat(bulk.get(i).await(WAIT)).isEqualTo(i * i);
            assertThat(bulk.get(i).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        assertThat(spool.job("alpha", jobs.get(7).id(), dev.spool.spi.TypeRef.of(Integer.class)).result()).contains(1007);
    }

    static void retries(Spool spool, String label) {
        Job<String> flaky = spool.enqueue(ClusterTasks.FLAKY, JobOptions.defaults(), label + "-flaky", 2);
        assertThat(flaky.await(WAIT)).isEqualTo(label + "-flaky after 3");
        assertThat(flaky.attempts()).isEqualTo(3);
        Job<String> hopeless = spool.enqueue(ClusterTasks.FLAKY, JobOptions.defaults().retries(1), label + "-hopeless", 9);
        await().atMost(WAIT).until(() -> hopeless.status() == JobStatus.FAILED);
        assertThat(hopeless.failure().orElseThrow().message()).contains("attempt 2 fails");
        assertThat(spool.deadLetters("beta").list(100)).extracting(d -> d.id()).contains(hopeless.id());
    }

    static void delays(Spool spool) {
        Instant before = Instant.now();
        Job<Integer> delayed = spool.enqueue(ClusterTasks.ADD, JobOptions.defaults().delay(Duration.ofMillis(800)), 1, 2);
        assertThat(delayed.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(delayed.await(WAIT)).isEqualTo(3);
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    static void chainAcrossQueues(Spool spool) {
        // alpha -> beta -> gamma: each step on another master
        WorkflowJob<String> chain = Workflow.chain(spool).first(ClusterTasks.ADD, 3, 4).then(ClusterTasks.SQUARE)
                .then(ClusterTasks.LABEL, 2, "chain:").start();
        assertThat(chain.await(WAIT)).isEqualTo("chain:49/2");
        assertThat(chain.jobs()).extracting(Job::queue).containsExactly("alpha", "beta", "gamma");
    }

    static void listChord(Spool spool, String label) {
        // members on beta, the callback on gamma: the join state lives in the callback's slot
        List<Integer> inputs = IntStream.range(0, 300).boxed().toList();
        WorkflowJob<Long> chord = Workflow.chordOver(spool, ClusterTasks.SQUARE, inputs, x -> new Object[] {x})
                .callback(ClusterTasks.SUM, label + "-chord").start();
        long expected = 0;
        for (int i = 0; i < inputs.size(); i++) {
            expected += (long) (i + 1) * i * i;
        }
        assertThat(chord.await(WAIT)).isEqualTo(expected);
        await().atMost(WAIT).until(() -> chord.workflowStatus().state() == dev.spool.workflow.WorkflowStatus.State.SUCCEEDED);
        assertThat(ClusterTasks.SUMS.get(label + "-chord")).as("callback runs").hasValue(1);
    }

    static void chordAcrossQueues(Spool spool) {
        // an alpha member and a beta member, the callback on gamma: three slots on three masters
        WorkflowJob<String> chord = Workflow.chord(spool).member(ClusterTasks.ADD, 20, 1).member(ClusterTasks.SQUARE, 5)
                .callback(ClusterTasks.LABEL, "mixed:").start();
        assertThat(chord.await(WAIT)).isEqualTo("mixed:21/25");
        assertThat(chord.jobs()).extracting(Job::queue).containsExactly("alpha", "beta", "gamma");
    }

    /**
     * After an idle moment, a job on each queue is picked up without waiting for a poll: the
     * worker's wait covers every queue's slot.
     */
    static void idleWorkerWakesOnEveryQueue(Spool spool) {
        for (String queue : ClusterTasks.QUEUES) {
            await().pollDelay(Duration.ofMillis(1200)).atMost(WAIT).until(() -> true); // the worker is idle, blocked on its signals
            long start = System.nanoTime();
            Job<Integer> job = spool.enqueue(ClusterTasks.ADD, JobOptions.defaults().queue(queue), 1, 1);
            assertThat(job.await(WAIT)).isEqualTo(2);
            long millis = (System.nanoTime() - start) / 1_000_000;
            org.slf4j.LoggerFactory.getLogger(Scenarios.class).info("idle wake-up on queue {}: {} ms", queue, millis);
            assertThat(millis).as("pick-up after idling, queue " + queue).isLessThan(500);
        }
    }
}
