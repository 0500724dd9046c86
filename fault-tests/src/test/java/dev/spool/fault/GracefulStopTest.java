package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * SIGTERM to a worker process that runs the worker command as the generated main does
 * ({@code System.exit(WorkerCommand.run(args))}): a clean drain exits with 0, as Sidekiq and Celery
 * do; a drain cut short by the shutdown grace, with jobs handed back, exits with 143.
 */
class GracefulStopTest {

    private FaultNamespace world;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = world.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private WorkerProcess worker(String grace) {
        return world.track(WorkerProcess.command(world.url, world.namespace, world.ledger,
                "--queues", "fault", "--concurrency", "2", "--shutdown-grace", grace));
    }

    private void awaitRun(String key) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> Ledger.read(world.ledger).stream().anyMatch(e -> e.kind().equals("run") && e.key().equals(key)));
    }

    @Test
    void sigtermWhileAJobRunsFinishesItAndExitsWithZero() {
        WorkerProcess worker = worker("30s");
        Job<String> job = spool.enqueue(FaultTasks.WORK, JobOptions.defaults(), "drained", 1500L);
        awaitRun("drained");

        worker.terminate();

        assertThat(worker.waitFor(Duration.ofSeconds(30))).as("exited").isTrue();
        assertThat(worker.exitValue()).as("exit code; output:\n" + worker.output()).isZero();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result()).contains(worker.workerId());
        assertThat(worker.output()).contains("SIGTERM received");
    }

    @Test
    void sigtermWhenTheGraceExpiresHandsTheJobBackAndExitsWith143() {
        WorkerProcess worker = worker("300ms");
        Job<String> job = spool.enqueue(FaultTasks.WORK, JobOptions.defaults(), "cut-short", 60_000L);
        awaitRun("cut-short");

        worker.terminate();

        assertThat(worker.waitFor(Duration.ofSeconds(30))).as("exited").isTrue();
        assertThat(worker.exitValue()).as("exit code; output:\n" + worker.output()).isEqualTo(143);
        assertThat(job.status()).as("handed back").isEqualTo(JobStatus.QUEUED);
        assertThat(Ledger.read(world.ledger)).noneMatch(e -> e.kind().equals("end"));
    }

    @Test
    void aSecondSigtermStopsAtOnce() {
        WorkerProcess worker = worker("60s");
        Job<String> job = spool.enqueue(FaultTasks.WORK, JobOptions.defaults(), "interrupted", 60_000L);
        awaitRun("interrupted");
        worker.terminate();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.output().contains("SIGTERM received"));
        assertThat(worker.isAlive()).as("draining").isTrue();

        worker.terminate();

        assertThat(worker.waitFor(Duration.ofSeconds(10))).as("exited long before the grace").isTrue();
        assertThat(worker.exitValue()).isEqualTo(143);
        assertThat(job.status()).as("still leased: it returns when its lease expires").isEqualTo(JobStatus.ACTIVE);
    }
}
