package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 2 (chord part) and scenario 8: chords whose members are held by worker processes that
 * are frozen with SIGSTOP past their lease, or killed with -9, mid-run. The ledger (outside Redis)
 * records every run of every member with the result it computed, and every run of the callback
 * with the list it received; the callback must run exactly once, with every member's result in
 * input order, each one computed by a run the ledger saw end.
 */
class ChordCrashTest {

    private static final Logger log = LoggerFactory.getLogger(ChordCrashTest.class);
    private static final long LEASE_MS = 2000;
    private static final String CALLBACK = "callback";

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

    private static String memberKey(int i) {
        return "m-" + i;
    }

    private WorkflowJob<Integer> chord(int members, long millis) {
        List<Integer> inputs = IntStream.range(0, members).boxed().toList();
        return Workflow.chordOver(spool, FaultTasks.MEMBER, inputs, i -> new Object[] {memberKey(i), i, millis})
                .callback(FaultTasks.GATHER, CALLBACK).start();
    }

    private static List<String> expectedKeys(int members) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            keys.add(memberKey(i));
        }
        keys.add(CALLBACK);
        return keys;
    }

    /** Keys with a "run" line by this worker and no "end" line by it: in flight when it stopped. */
    private static Set<String> unfinishedRuns(List<Ledger.Entry> entries, String worker) {
        Set<String> started = new TreeSet<>();
        Set<String> ended = new HashSet<>();
        for (Ledger.Entry e : entries) {
            if (e.worker().equals(worker) && e.key().startsWith("m-")) {
                (e.kind().equals("run") ? started : ended).add(e.key());
            }
        }
        started.removeAll(ended);
        return started;
    }

    private static long ended(List<Ledger.Entry> entries, String prefix) {
        return entries.stream().filter(e -> e.kind().equals("end") && e.key().startsWith(prefix)).count();
    }

    /**
     * The one callback run's inputs, checked against the ledger and Redis: exactly one run of the
     * callback, {@code members} results in input order, each computed by a run of that member that
     * the ledger saw end, and each equal to the member's result in Redis.
     */
    private List<String> checkCallbackInputs(WorkflowJob<Integer> chord, int members, List<Ledger.Entry> entries) {
        List<Ledger.Entry> callbackEnds = entries.stream().filter(e -> e.key().equals(CALLBACK) && e.kind().equals("end")).toList();
        assertThat(entries).filteredOn(e -> e.key().equals(CALLBACK) && e.kind().equals("run")).as("callback runs").hasSize(1);
        assertThat(callbackEnds).hasSize(1);
        assertThat(callbackEnds.get(0).jobId()).isEqualTo(chord.id());
        List<String> results = List.of(callbackEnds.get(0).data().split(","));
        assertThat(results).hasSize(members);

        Map<String, Set<String>> computed = new HashMap<>();
        for (Ledger.Entry e : entries) {
            if (e.kind().equals("end") && e.key().startsWith("m-")) {
                computed.computeIfAbsent(e.key(), k -> new HashSet<>()).add(e.data());
            }
        }
        List<Job<?>> jobs = chord.jobs();
        for (int i = 0; i < members; i++) {
            String result = results.get(i);
            assertThat(result).as("result " + i).startsWith(FaultTasks.memberValue(i) + "/");
            assertThat(computed.get(memberKey(i))).as("results computed by member " + i).contains(result);
            assertThat(jobs.get(i).result().map(Object::toString)).as("member " + i + "'s result in Redis").contains(result);
        }
        return results;
    }

    @Test
    void aFrozenChordMembersLateCompletionIsRejectedAndTheCallbackCountsItOnce() {
        int members = 6;
        WorkerProcess frozen = world.process(LEASE_MS, 1, 5);
        WorkflowJob<Integer> chord = chord(members, 2000);
        // The frozen worker takes one member (concurrency 1) and is frozen while it runs it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> LedgerCheck.of(world.ledger, expectedKeys(members)).runs() == 1);
        frozen.freeze();
        long frozenAt = System.nanoTime();
        Ledger.Entry held = Ledger.read(world.ledger).get(0);
        assertThat(held.worker()).isEqualTo(frozen.workerId());
        int heldIndex = Integer.parseInt(held.key().substring(2));
        Job<?> heldJob = chord.jobs().get(heldIndex);
        assertThat(heldJob.id()).isEqualTo(held.jobId());

        // The new owner runs the other members, takes the held one back after the lease and runs it.
        WorkerProcess owner = world.process(LEASE_MS, 8, 5);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> Ledger.read(world.ledger)
                .stream().anyMatch(e -> e.kind().equals("run") && e.key().equals(held.key()) && e.worker().equals(owner.workerId())));
        long reclaimedMillis = (System.nanoTime() - frozenAt) / 1_000_000;

        // The old owner wakes while the new owner still runs the member (2 s): its completion comes first and is refused.
        frozen.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> frozen.output().contains("Job " + heldJob.id() + " finished, but its lease had expired"));
        assertThat(heldJob.status()).as("the new owner's run of the held member is still running").isEqualTo(JobStatus.ACTIVE);
        assertThat(chord.status()).isEqualTo(JobStatus.WAITING);

        assertThat(chord.await(Duration.ofSeconds(20))).isEqualTo(members);
        long doneMillis = (System.nanoTime() - frozenAt) / 1_000_000;
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(20)); // a second release would have run by now

        List<Ledger.Entry> entries = Ledger.read(world.ledger);
        LedgerCheck check = LedgerCheck.of(world.ledger, expectedKeys(members));
        assertThat(check.lost()).isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(check.duplicated()).isEqualTo(Map.of(held.key(), 2));
        // Both runs of the held member computed a result; the old owner's was refused.
        assertThat(entries).filteredOn(e -> e.kind().equals("end") && e.key().equals(held.key()))
                .extracting(Ledger.Entry::worker).containsExactlyInAnyOrder(frozen.workerId(), owner.workerId());
        List<String> results = checkCallbackInputs(chord, members, entries);
        // Only the new owner's results reached the callback, the held member's included.
        for (int i = 0; i < members; i++) {
            assertThat(results.get(i)).isEqualTo(FaultTasks.memberValue(i) + "/" + owner.workerId());
        }
        assertThat(world.jedis.hget(world.jobKey(heldJob.id()), "n")).isEqualTo("2");
        log.info("Chord member frozen (SIGSTOP) past its lease: taken back after {} ms, old owner's completion refused while"
                + " the new owner ran it; callback ran once, {} ms after the freeze, with the new owner's result; ledger: {}",
                reclaimedMillis, doneMillis, check);
    }

    @Test
    void kill9OfWorkersRunningA1000MemberChordLosesNoMember() throws Exception {
        int members = 1000;
        int processes = 5;
        int concurrency = 8;
        long memberMillis = 100;
        List<WorkerProcess> workers = startProcesses(processes, concurrency);
        long start = System.nanoTime();
        WorkflowJob<Integer> chord = chord(members, memberMillis);

        // Kill two of the five worker processes while they run members: at about 25% and 55% of the members.
        List<WorkerProcess> killed = new ArrayList<>();
        Map<String, Set<String>> inFlightAtKill = new HashMap<>();
        long lastKill = 0;
        for (int k = 0; k < 2; k++) {
            long threshold = k == 0 ? 250 : 550;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ended(Ledger.read(world.ledger), "m-") >= threshold);
            WorkerProcess victim = workers.get(k);
            victim.kill9();
            lastKill = System.nanoTime();
            killed.add(victim);
        }
        assertThat(chord.await(Duration.ofSeconds(40))).isEqualTo(members);
        long doneMillis = (System.nanoTime() - start) / 1_000_000;
        long afterLastKillMillis = (System.nanoTime() - lastKill) / 1_000_000;
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(20)); // a second release would have run by now

        List<Ledger.Entry> entries = Ledger.read(world.ledger);
        Set<String> victims = new HashSet<>();
        for (WorkerProcess victim : killed) {
            victims.add(victim.workerId());
            // A dead process's ledger is final: what it started and never ended was in flight when it died.
            Set<String> inFlight = unfinishedRuns(entries, victim.workerId());
            assertThat(inFlight).as("members in flight on " + victim + " when it was killed").isNotEmpty();
            inFlightAtKill.put(victim.workerId(), inFlight);
        }
        LedgerCheck check = LedgerCheck.of(world.ledger, expectedKeys(members));
        assertThat(check.lost()).as("lost members").isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(check.duplicated()).doesNotContainKey(CALLBACK);
        // Every member ran exactly once outside the killed workers; duplicates are runs on the killed ones.
        Map<String, Integer> survivorRuns = new HashMap<>();
        Set<String> ranOnVictims = new HashSet<>();
        for (Ledger.Entry e : entries) {
            if (e.kind().equals("run") && e.key().startsWith("m-")) {
                if (victims.contains(e.worker())) {
                    ranOnVictims.add(e.key());
                } else {
                    survivorRuns.merge(e.key(), 1, Integer::sum);
                }
            }
        }
        assertThat(ranOnVictims).containsAll(check.duplicated().keySet());
        // A member in flight on the first victim may have run again on the second before that one died,
        // so a duplicate runs at most once (not exactly once) outside the killed workers.
        for (String key : check.duplicated().keySet()) {
            assertThat(survivorRuns.getOrDefault(key, 0)).as("runs of " + key + " outside the killed workers")
                    .isLessThanOrEqualTo(1);
        }
        assertThat(survivorRuns.values()).allMatch(n -> n == 1);
        for (Set<String> inFlight : inFlightAtKill.values()) {
            assertThat(check.duplicated().keySet()).containsAll(inFlight);
        }

        List<String> results = checkCallbackInputs(chord, members, entries);
        for (int i = 0; i < members; i++) {
            String worker = results.get(i).substring(results.get(i).indexOf('/') + 1);
            String key = memberKey(i);
            if (inFlightAtKill.values().stream().anyMatch(s -> s.contains(key))) {
                assertThat(victims).as("the worker whose result member " + i + " delivered").doesNotContain(worker);
            }
        }
        int inFlight = inFlightAtKill.values().stream().mapToInt(Set::size).sum();
        log.info("1,000-member chord on {} worker processes x {} threads, 2 killed with -9 mid-run ({} members in flight on"
                + " them): callback ran once with 1,000 results in input order {} ms after the start, {} ms after the"
                + " last kill (lease {} ms, member {} ms); ledger: {}", processes, concurrency, inFlight, doneMillis,
                afterLastKillMillis, LEASE_MS, memberMillis, check);
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
