package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.workflow.WorkflowJob;
import dev.spool.workflow.WorkflowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17's fault case: a nested workflow ({@link NestedShape}: 1 first job, 100 chains of 3
 * steps that each start from its result, 1 callback over the chains' last results) on 4 worker
 * processes, 2 of them killed with -9 while the chains run. Runs of a killed job are repeated
 * under the lease (at least once); what the joins guarantee is checked against the ledger kept
 * outside Redis: every job's effect recorded, every job started under its own node id only,
 * outside the killed processes at most once, and the callback run exactly once with the 100
 * results in chain order, equal to the values computed here.
 */
class NestedWorkflowCrashTest {

    private static final Logger log = LoggerFactory.getLogger(NestedWorkflowCrashTest.class);
    private static final long LEASE_MS = 2000;
    private static final int CHAINS = 100;
    private static final long SEED = 42;

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

    private static long ended(List<Ledger.Entry> entries, String suffix) {
        return entries.stream().filter(e -> e.kind().equals("end") && e.key().endsWith(suffix)).count();
    }

    @Test
    void kill9OfTwoOfFourWorkersRunningANestedWorkflowReleasesEveryJoinOnce() throws Exception {
        List<WorkerProcess> workers = startProcesses(4, 4);
        long start = System.nanoTime();
        WorkflowJob<Integer> flow = NestedShape.start(spool, SEED, CHAINS, 100);
        List<String> keys = NestedShape.keys(CHAINS);

        // Kill two of the four processes while the chains run: after 20 second steps ended, and after 10 third steps.
        List<WorkerProcess> killed = new ArrayList<>();
        String[] steps = {"-s2", "-s3"};
        int[] thresholds = {20, 10};
        for (int k = 0; k < 2; k++) {
            String step = steps[k];
            int threshold = thresholds[k];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> ended(Ledger.read(world.ledger), step) >= threshold);
            WorkerProcess victim = workers.get(k);
            victim.kill9();
            killed.add(victim);
        }
        long lastKill = System.nanoTime();
        assertThat(flow.await(Duration.ofSeconds(40))).isEqualTo(CHAINS);
        long doneMillis = (System.nanoTime() - start) / 1_000_000;
        long afterLastKillMillis = (System.nanoTime() - lastKill) / 1_000_000;
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(20)); // a second release would have run by now

        List<Ledger.Entry> entries = Ledger.read(world.ledger);
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(check.lost()).as("jobs whose effect is not in the ledger").isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(check.duplicated()).doesNotContainKey(NestedTasks.CALLBACK_KEY);

        Set<String> victims = new HashSet<>();
        killed.forEach(v -> victims.add(v.workerId()));
        Set<String> inFlight = new TreeSet<>();
        for (WorkerProcess victim : killed) {
            Set<String> unfinished = unfinishedRuns(entries, victim.workerId());
            assertThat(unfinished).as("jobs in flight on " + victim + " when it was killed").isNotEmpty();
            inFlight.addAll(unfinished);
        }
        assertThat(check.duplicated().keySet()).containsAll(inFlight);

        // Each job ran under its own node's id only: no join released a job twice or under another id.
        Map<String, String> expectedIds = expectedIds(flow.workflowId());
        Map<String, Integer> survivorRuns = new HashMap<>();
        Set<String> ranOnVictims = new HashSet<>();
        for (Ledger.Entry e : entries) {
            if (e.kind().equals("run")) {
                assertThat(e.jobId()).as("job id of a run of " + e.key()).isEqualTo(expectedIds.get(e.key()));
                if (victims.contains(e.worker())) {
                    ranOnVictims.add(e.key());
                } else {
                    survivorRuns.merge(e.key(), 1, Integer::sum);
                }
            }
        }
        assertThat(ranOnVictims).containsAll(check.duplicated().keySet());
        for (String key : keys) {
            int expected = ranOnVictims.contains(key) ? survivorRuns.getOrDefault(key, 0) : 1;
            assertThat(survivorRuns.getOrDefault(key, 0)).as("runs of " + key + " outside the killed workers")
                    .isEqualTo(expected).isLessThanOrEqualTo(1);
        }

        checkCallbackInput(flow, entries);
        assertThat(flow.workflowStatus().state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        log.info("Nested workflow of 1 + {}x3 + 1 jobs on 4 worker processes x 4 threads, 2 killed with -9 while second"
                + " and third steps ran ({} jobs in flight on them): callback ran once with {} results in chain order {} ms after the"
                + " start, {} ms after the last kill (lease {} ms, step 100 ms); ledger: {}", CHAINS, inFlight.size(),
                CHAINS, doneMillis, afterLastKillMillis, LEASE_MS, check);
    }

    /** The callback's one run received each chain's result, in order, as computed here and stored in Redis. */
    private void checkCallbackInput(WorkflowJob<Integer> flow, List<Ledger.Entry> entries) {
        List<Ledger.Entry> ends = entries.stream()
                .filter(e -> e.key().equals(NestedTasks.CALLBACK_KEY) && e.kind().equals("end")).toList();
        assertThat(entries).filteredOn(e -> e.key().equals(NestedTasks.CALLBACK_KEY) && e.kind().equals("run"))
                .as("callback runs").hasSize(1);
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).jobId()).isEqualTo(flow.id());
        List<Long> expected = NestedShape.expected(SEED, CHAINS);
        List<Long> received = new ArrayList<>();
        for (String v : ends.get(0).data().split(",")) {
            received.add(Long.parseLong(v));
        }
        assertThat(received).as("the callback's input").containsExactlyElementsOf(expected);
        List<Job<?>> jobs = flow.jobs();
        assertThat(jobs).hasSize(2 + 3 * CHAINS);
        for (int i = 0; i < CHAINS; i++) {
            Job<?> last = jobs.get(NestedShape.position(i, 3));
            assertThat(last.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(last.result().map(Object::toString)).as("chain " + i + "'s result in Redis")
                    .contains(expected.get(i).toString());
        }
    }

    /** Ledger key to the id of its node: {@code <workflow id>-<position>}. */
    private static Map<String, String> expectedIds(String workflowId) {
        Map<String, String> ids = new HashMap<>();
        ids.put(NestedTasks.PREPARE_KEY, workflowId + "-0");
        for (int i = 0; i < CHAINS; i++) {
            for (int step = 1; step <= 3; step++) {
                ids.put(NestedTasks.stepKey(i, step), workflowId + "-" + NestedShape.position(i, step));
            }
        }
        ids.put(NestedTasks.CALLBACK_KEY, workflowId + "-" + (1 + 3 * CHAINS));
        return ids;
    }

    /** Keys with a "run" line by this worker and no "end" line by it: in flight when it stopped. */
    private static Set<String> unfinishedRuns(List<Ledger.Entry> entries, String worker) {
        Set<String> started = new TreeSet<>();
        Set<String> ended = new HashSet<>();
        for (Ledger.Entry e : entries) {
            if (e.worker().equals(worker)) {
                (e.kind().equals("run") ? started : ended).add(e.key());
            }
        }
        started.removeAll(ended);
        return started;
    }

    /** Starts worker processes at once (a JVM start is mostly waiting). */
    private List<WorkerProcess> startProcesses(int n, int concurrency) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(n);
        try {
            List<Future<WorkerProcess>> started = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                started.add(starter.submit(() -> world.process(LEASE_MS, concurrency, 5)));
            }
            List<WorkerProcess> workers = new ArrayList<>();
            for (Future<WorkerProcess> f : started) {
                workers.add(f.get());
            }
            return workers;
        } finally {
            starter.shutdown();
        }
    }
}
