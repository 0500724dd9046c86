package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scenarios 1, 2 and 4: worker processes killed with -9, frozen with SIGSTOP, or killed by their job. */
class WorkerCrashTest {

    private static final Logger log = LoggerFactory.getLogger(WorkerCrashTest.class);
    private static final long LEASE_MS = 2000;
    private static final long MAINTENANCE_MS = 200;
    /** How long each held job runs. */
    private static final long HELD_JOB_MS = 1500;

    private FaultNamespace world;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = world.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    private List<Job<String>> enqueue(List<String> keys, long millis) {
        List<Object[]> arguments = keys.stream().map(k -> new Object[] {k, millis}).toList();
        return spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
    }

    @Test
    void kill9OfAWorkerHolding50JobsLosesNone() {
        WorkerProcess doomed = world.process(LEASE_MS, 50, 5);
        List<String> held = keys("held-", 50);
        List<Job<String>> heldJobs = enqueue(held, HELD_JOB_MS);
        // All 50 are running in the doomed worker (each has written its "run" line).
        await().atMost(Duration.ofSeconds(20)).until(() -> LedgerCheck.of(world.ledger, held).runs() == 50);
        // Killed before the second worker starts, so that none of the 50 can finish on the doomed worker
        // however long a JVM takes to start on a busy machine; recovery is timed from the second one's start.
        doomed.kill9();
        WorkerProcess survivor = world.process(LEASE_MS, 50, 5);
        long survivorStartedAt = System.nanoTime();
        List<String> later = keys("later-", 50);
        List<Job<String>> laterJobs = enqueue(later, 10);

        await().atMost(Duration.ofMillis(LEASE_MS + MAINTENANCE_MS + HELD_JOB_MS + 8000)).pollInterval(Duration.ofMillis(50))
                .until(() -> world.succeeded(heldJobs) == 50);
        Duration recovered = Duration.ofNanos(System.nanoTime() - survivorStartedAt);
        await().atMost(Duration.ofSeconds(10)).until(() -> world.succeeded(laterJobs) == 50);

        List<String> all = new ArrayList<>(held);
        all.addAll(later);
        LedgerCheck check = LedgerCheck.of(world.ledger, all);
        log.info("kill -9 with 50 jobs in flight: all 50 done by the second worker {} ms after it started"
                + " (lease {} ms, maintenance {} ms, job {} ms); ledger: {}", recovered.toMillis(), LEASE_MS, MAINTENANCE_MS,
                HELD_JOB_MS, check);
        assertThat(check.lost()).isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(held).containsAll(check.duplicated().keySet());
        for (Job<String> job : heldJobs) {
            assertThat(job.result()).contains(survivor.workerId());
        }
        // lease + one maintenance interval + the job itself, plus a few seconds of slack on a busy machine
        assertThat(recovered).isLessThan(Duration.ofMillis(LEASE_MS + MAINTENANCE_MS + HELD_JOB_MS + 4000));
    }

    @Test
    void aFrozenWorkersLateCompletionIsRejected() {
        WorkerProcess frozen = world.process(LEASE_MS, 1, 5);
        Job<String> job = enqueue(List.of("frozen"), 2500).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> LedgerCheck.of(world.ledger, List.of("frozen")).runs() == 1);
        frozen.freeze();
        long frozenAt = System.nanoTime();
        WorkerProcess owner = world.process(LEASE_MS, 1, 5);
        assertThat(job.await(Duration.ofSeconds(20))).isEqualTo(owner.workerId());
        long ownerDoneMillis = (System.nanoTime() - frozenAt) / 1_000_000;

        frozen.resume(); // its sleep has long elapsed: it finishes at once and tries to complete
        await().atMost(Duration.ofSeconds(10)).until(() -> frozen.output().contains("its result was not recorded"));
        assertThat(job.result()).contains(owner.workerId()); // the new owner's result stands
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);

        List<Ledger.Entry> entries = Ledger.read(world.ledger);
        assertThat(entries).filteredOn(e -> e.kind().equals("end")).extracting(Ledger.Entry::worker)
                .containsExactlyInAnyOrder(frozen.workerId(), owner.workerId());
        Set<String> tokens = new HashSet<>();
        entries.forEach(e -> tokens.add(e.token()));
        assertThat(tokens).hasSize(2); // two leases, two tokens; only the newer one completed
        assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).isEqualTo("2");
        log.info("SIGSTOP past the lease: the new owner finished {} ms after the freeze; the resumed old owner's"
                + " completion was rejected", ownerDoneMillis);
    }

    @Test
    void aJobThatKillsItsWorkerEveryTimeEndsDeadAndOthersFlow() {
        int reclaimLimit = 2;
        long lease = 1000;
        List<WorkerProcess> workers = new ArrayList<>();
        workers.add(world.process(lease, 4, reclaimLimit));
        workers.add(world.process(lease, 4, reclaimLimit));
        long start = System.nanoTime();
        Job<Void> poison = spool.enqueue(FaultTasks.HALT, JobOptions.defaults(), "poison", 300L);
        List<String> others = keys("other-", 200);
        List<Job<String>> otherJobs = enqueue(others, 20);

        // A supervisor: restarts worker processes that died, until the poison job is dead.
        int restarts = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (poison.status() != JobStatus.FAILED && System.nanoTime() < deadline) {
            for (int i = 0; i < workers.size(); i++) {
                if (!workers.get(i).isAlive()) {
                    workers.set(i, world.process(lease, 4, reclaimLimit));
                    restarts++;
                }
            }
            WorkerProcess.sleep(100);
        }
        long deadAfter = (System.nanoTime() - start) / 1_000_000;
        assertThat(poison.status()).isEqualTo(JobStatus.FAILED);
        assertThat(poison.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.LeaseExpired");
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(otherJobs) == others.size());

        DeadLetters.DeadJob dead = spool.deadLetters("fault").get(poison.id()).orElseThrow();
        assertThat(dead.history()).hasSize(reclaimLimit + 1).allSatisfy(a -> {
            assertThat(a.error()).isEqualTo("dev.spool.LeaseExpired");
            assertThat(a.worker()).isNotEmpty();
        });
        assertThat(dead.payload()).startsWith("Fault.halt\n");
        List<String> expected = new ArrayList<>(others);
        expected.add("poison");
        LedgerCheck check = LedgerCheck.of(world.ledger, others);
        assertThat(check.lost()).isEmpty();
        assertThat(check.unexpected()).containsExactly("poison");
        assertThat(Ledger.read(world.ledger)).filteredOn(e -> e.key().equals("poison")).hasSize(reclaimLimit + 1);
        log.info("A job that halts its worker: dead (LeaseExpired) after {} runs, {} ms, {} worker restarts; 200 other"
                + " jobs all done; ledger: {}", reclaimLimit + 1, deadAfter, restarts, check);
    }
}
