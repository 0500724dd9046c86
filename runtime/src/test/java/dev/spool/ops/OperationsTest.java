package dev.spool.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.QueueCounts;
import dev.spool.Spool;
import dev.spool.WorkerInfo;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspection and control API against a real Redis: counts, listings, pause, purge, cancel, workers. */
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JobOptions NOW = JobOptions.defaults();
    private static final JobOptions LATER = JobOptions.defaults().delay(Duration.ofHours(1));

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        TestTasks.RECORDED.clear();
        TestTasks.INTERRUPTED.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker(int concurrency) {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(concurrency)
                .retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    @Test
    void countsAndPagesOfWaitingJobs() {
        List<Job<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(spool.enqueue(TestTasks.ADD, NOW, i, 100));
        }
        Job<Integer> later = spool.enqueue(TestTasks.ADD, LATER, 7, 8);
        spool.enqueue(TestTasks.ADD, JobOptions.defaults().dependsOn(later), 1, 1);

        QueueCounts counts = spool.queue("default").counts();
        assertThat(counts).isEqualTo(new QueueCounts("default", 5, 1, 0, 1, 0, 0, false));
        assertThat(spool.queues()).containsExactly(counts);

        JobQueue queue = spool.queue("default");
        List<JobInfo> first = queue.jobs(JobStatus.QUEUED, 0, 2);
        List<JobInfo> second = queue.jobs(JobStatus.QUEUED, 2, 2);
        assertThat(first).extracting(JobInfo::id).containsExactly(queued.get(0).id(), queued.get(1).id());
        assertThat(second).extracting(JobInfo::id).containsExactly(queued.get(2).id(), queued.get(3).id());
        JobInfo head = first.get(0);
        assertThat(head.task()).isEqualTo("Calc.add");
        assertThat(head.arguments()).isEqualTo("[0,100]");
        assertThat(head.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(head.enqueuedAt()).isNotNull();

        JobInfo scheduled = queue.jobs(JobStatus.SCHEDULED, 0, 10).get(0);
        assertThat(scheduled.id()).isEqualTo(later.id());
        assertThat(scheduled.scheduledFor()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(queue.jobs(JobStatus.WAITING, 0, 10)).singleElement()
                .satisfies(j -> assertThat(j.status()).isEqualTo(JobStatus.WAITING));

        assertThat(queue.job(queued.get(4).id())).get().extracting(JobInfo::arguments).isEqualTo("[4,100]");
        assertThat(spool.findJob(later.id())).get().extracting(JobInfo::status).isEqualTo(JobStatus.SCHEDULED);
        assertThat(queue.job("0000000000nope")).isEmpty();
        assertThatThrownBy(() -> queue.jobs(JobStatus.CANCELLED, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be listed");
        assertThatThrownBy(() -> spool.queue("no such queue"))
                .isInstanceOf(dev.spool.SpoolException.class).hasMessageContaining("invalid queue name");
    }

    @Test
    void succeededAndDeadAreCountedAndListedAndWorkersShowTheirHeartbeat() {
        Worker worker = worker(2);
        Job<Integer> sum = spool.enqueue(TestTasks.ADD, NOW, 2, 3);
        Job<Void> boom = spool.enqueue(TestTasks.BOOM, NOW, "no");
        assertThat(sum.await(WAIT)).isEqualTo(5);
        await().atMost(WAIT).until(() -> boom.status() == JobStatus.FAILED);

        QueueCounts counts = spool.queue("default").counts();
        assertThat(counts.succeeded()).isEqualTo(1);
        assertThat(counts.dead()).isEqualTo(1);
        assertThat(counts.pending()).isZero();
        JobQueue queue = spool.queue("default");
        assertThat(queue.jobs(JobStatus.SUCCEEDED, 0, 10)).extracting(JobInfo::id).containsExactly(sum.id());
        JobInfo dead = queue.jobs(JobStatus.FAILED, 0, 10).get(0);
        assertThat(dead.id()).isEqualTo(boom.id());
        assertThat(dead.failure().message()).isEqualTo("no");
        assertThat(dead.worker()).isEqualTo(worker.id());
        assertThat(dead.finishedAt()).isNotNull();

        await().atMost(WAIT).until(() -> !spool.workers().isEmpty());
        WorkerInfo info = spool.workers().get(0);
        assertThat(info.id()).isEqualTo(worker.id());
        assertThat(info.queues()).containsExactly("default");
        assertThat(info.concurrency()).isEqualTo(2);
        assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());
        worker.close();
        assertThat(spool.workers()).isEmpty();
    }

    @Test
    void aPausedQueueIsNotFetchedUntilResumed() {
        JobQueue queue = spool.queue("default");
        queue.pause();
        assertThat(queue.paused()).isTrue();
        worker(2);
        Job<Integer> job = spool.enqueue(TestTasks.ADD, NOW, 1, 2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> job.status() == JobStatus.QUEUED);
        assertThat(queue.resume()).isTrue();
        assertThat(job.await(WAIT)).isEqualTo(3);
        assertThat(queue.resume()).isFalse();
    }

    @Test
    void purgeRemovesQueuedAndScheduledJobsAndSaysHowMany() {
        List<Job<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(spool.enqueue(TestTasks.ADD, i < 9 ? NOW : LATER, i, i));
        }
        assertThat(spool.queue("default").purge()).isEqualTo(12);
        assertThat(spool.queue("default").counts().pending()).isZero();
        assertThat(jobs).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.MISSING));
        assertThat(spool.queue("default").purge()).isZero();
    }

    @Test
    void aCancelledQueuedOrScheduledJobNeverRuns() {
        Job<String> keep = spool.enqueue(TestTasks.RECORD, NOW, "keep");
        Job<String> drop = spool.enqueue(TestTasks.RECORD, NOW, "drop");
        Job<String> dropLater = spool.enqueue(TestTasks.RECORD, LATER, "later");
        JobQueue queue = spool.queue("default");

        assertThat(queue.cancel(drop.id())).isEqualTo(new Cancellation(drop.id(), Cancellation.Outcome.CANCELLED, JobStatus.QUEUED));
        assertThat(queue.cancel(dropLater.id()).before()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(queue.counts()).extracting(QueueCounts::queued, QueueCounts::scheduled).containsExactly(1L, 0L);
        assertThat(queue.cancel(drop.id()).outcome()).isEqualTo(Cancellation.Outcome.ALREADY_FINISHED);
        assertThat(queue.cancel("0000000000nope").outcome()).isEqualTo(Cancellation.Outcome.NOT_FOUND);

        worker(2);
        assertThat(keep.await(WAIT)).isEqualTo("keep");
        Job<String> after = spool.enqueue(TestTasks.RECORD, NOW, "after");
        after.await(WAIT);
        assertThat(TestTasks.RECORDED).containsExactly("keep", "after");
        assertThat(drop.status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> drop.await(WAIT)).isInstanceOf(JobFailedException.class)
                .satisfies(e -> assertThat(((JobFailedException) e).failure().exceptionClass()).isEqualTo("dev.spool.Cancelled"));
        assertThat(queue.cancel(keep.id())).extracting(Cancellation::outcome, Cancellation::before)
                .containsExactly(Cancellation.Outcome.ALREADY_FINISHED, JobStatus.SUCCEEDED);
    }

    @Test
    void aCancelledRunningJobIsInterruptedAndEndsCancelled() {
        Worker worker = worker(1);
        Job<Long> sleeper = spool.enqueue(TestTasks.SLEEP, NOW, 60_000L);
        await().atMost(WAIT).until(() -> sleeper.status() == JobStatus.ACTIVE);
        Cancellation c = spool.queue("default").cancel(sleeper.id());
        assertThat(c.outcome()).isEqualTo(Cancellation.Outcome.CANCELLED_RUNNING);
        await().atMost(Duration.ofSeconds(3)).until(() -> !TestTasks.INTERRUPTED.isEmpty() && worker.jobsInHand() == 0);
        assertThat(sleeper.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(spool.queue("default").counts()).extracting(QueueCounts::active, QueueCounts::dead).containsExactly(0L, 0L);
        assertThat(spool.queue("default").job(sleeper.id())).get().extracting(JobInfo::status).isEqualTo(JobStatus.CANCELLED);
        Job<Integer> next = spool.enqueue(TestTasks.ADD, NOW, 1, 1);
        assertThat(next.await(WAIT)).isEqualTo(2); // the worker goes on
    }

    @Test
    void retryAllAndDeleteAllDeadLetters() {
        Worker worker = worker(2);
        List<Job<Void>> booms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            booms.add(spool.enqueue(TestTasks.BOOM, NOW, "boom " + i));
        }
        await().atMost(WAIT).until(() -> spool.deadLetters("default").size() == 3);
        worker.close();
        assertThat(spool.deadLetters("default").retryAll()).isEqualTo(3);
        assertThat(spool.queue("default").counts()).extracting(QueueCounts::queued, QueueCounts::dead).containsExactly(3L, 0L);
        worker(2);
        await().atMost(WAIT).until(() -> spool.deadLetters("default").size() == 3);
        assertThat(spool.deadLetters("default").deleteAll()).isEqualTo(3);
        assertThat(booms).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.MISSING));
    }
}
