package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.internal.LuaScript;
import dev.spool.localredis.LocalRedis;
import dev.spool.worker.Worker;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A proxy between Spool and Redis swallows single replies: the call ran, its answer is lost, and
 * Spool asks again. Nothing may run twice because of it, nothing may stay leased to nobody, and
 * no worker may log a loss that did not happen. The enqueues come from this JVM, the fetches,
 * completions, renewals and joins from worker processes that reach Redis through the proxy.
 */
class LostReplyFaultTest {

    private FaultNamespace world;
    private FaultProxy proxy;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        URI uri = URI.create(LocalRedis.url());
        proxy = world.track(new FaultProxy(uri.getHost(), uri.getPort()));
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private Spool throughProxy() {
        return world.track(Spool.builder().redisUrl(proxy.url()).namespace(world.namespace).poolSize(16)
                .timeout(Duration.ofSeconds(2)).build());
    }

    /** A worker process that reaches Redis through the proxy. */
    private WorkerProcess processThroughProxy(long leaseMillis, int concurrency) {
        return world.track(WorkerProcess.start(proxy.url(), world.namespace, world.ledger, leaseMillis, concurrency, 5));
    }

    private static List<Object[]> work(List<String> keys, long millis) {
        return keys.stream().map(key -> new Object[] {key, millis}).toList();
    }

    private static List<String> keys(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** Each job ran once to its end, on its first attempt, and no lease of it expired. */
    private void assertRanOnceEach(List<String> keys, List<? extends Job<?>> jobs) {
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(check.lost()).as("lost").isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice").isEmpty();
        assertThat(check.unexpected()).isEmpty();
        assertThat(check.runs()).isEqualTo(keys.size());
        for (Job<?> job : jobs) {
            assertThat(world.jedis.hget(world.jobKey(job.id()), "c")).as("lease expiries of %s", job.id()).isNull();
        }
    }

    @Test
    void anEnqueueAskedAgainAfterALostReplyRunsItsJobOnceEvenWhenAWorkerFetchedItInBetween() {
        Spool producer = throughProxy();
        world.worker(world.spool(), 4, Duration.ofSeconds(5));
        List<String> keys = new ArrayList<>();
        List<Job<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "once-" + i;
            keys.add(key);
            proxy.dropReplyTo(key);
            jobs.add(producer.enqueue(FaultTasks.WORK, JobOptions.defaults(), key, 0L));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(proxy.dropped()).isEqualTo(20);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice").isEmpty();
        assertThat(check.runs()).isEqualTo(20);
    }

    @Test
    void aBulkEnqueueAskedAgainAfterALostReplyRunsEachJobOnce() {
        Spool producer = throughProxy();
        world.worker(world.spool(), 4, Duration.ofSeconds(5));
        List<String> keys = new ArrayList<>();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("bulk-" + i);
            arguments.add(new Object[] {"bulk-" + i, 0L});
        }
        proxy.dropReplyTo(LuaScript.ENQUEUE_JOBS.sha());
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(proxy.dropped()).isEqualTo(1);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice").isEmpty();
        assertThat(check.runs()).isEqualTo(20);
    }

    @Test
    void aFetchAskedAgainAfterALostReplyGetsTheSameBatchInsteadOfLeavingItLeasedToNobody() {
        Spool producer = world.spool();
        List<String> keys = new ArrayList<>();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add("batch-" + i);
            arguments.add(new Object[] {"batch-" + i, 0L});
        }
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        proxy.dropReplyTo(LuaScript.FETCH_JOBS.sha());
        Duration lease = Duration.ofSeconds(30);
        long start = System.nanoTime();
        Worker worker = world.worker(throughProxy(), 10, lease);
        // Without the repeat, the lost batch would wait for its leases (30 s) to expire.
        await().atMost(Duration.ofSeconds(10)).until(() -> world.succeeded(jobs) == jobs.size());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(proxy.dropped()).isEqualTo(1);
        assertThat(millis).isLessThan(lease.toMillis() / 3);
        for (Job<String> job : jobs) {
            assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).as("attempts of %s", job.id()).isEqualTo("1");
            assertThat(world.jedis.hget(world.jobKey(job.id()), "c")).as("lease expiries of %s", job.id()).isNull();
        }
        assertThat(LedgerCheck.of(world.ledger, keys).duplicated()).isEmpty();
        assertThat(worker.jobsInHand()).isZero();
    }

    @Test
    void completionsAskedAgainAfterLostRepliesAreRecordedOnceWithoutFalseWarnings() {
        Spool producer = world.spool();
        List<String> keys = keys("done-", 12);
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), work(keys, 0L));
        // Only a completion (alone or carried by the next fetch) names a job id in a worker's request here.
        proxy.dropFirstReplyToEach("", jobs.stream().map(Job::id).toList());
        WorkerProcess worker = processThroughProxy(30_000, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        assertThat(proxy.undropped()).as("completions whose reply was not lost").isZero();
        assertThat(proxy.dropped()).isBetween(1, jobs.size());
        assertRanOnceEach(keys, jobs);
        for (Job<String> job : jobs) {
            assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).as("attempts of %s", job.id()).isEqualTo("1");
        }
        assertThat(worker.output()).doesNotContain("was not recorded").doesNotContain("Lost the lease");
    }

    @Test
    void renewalsAskedAgainAfterLostRepliesKeepTheLeasesAndEachJobRunsOnce() {
        Spool producer = world.spool();
        List<String> keys = keys("long-", 4);
        // Every other renewal call is a repeat: the lease keeper asks again at once, on its own thread.
        proxy.dropEveryOtherReplyTo(LuaScript.RENEW_LEASES.sha(), 3);
        WorkerProcess worker = processThroughProxy(1500, 4);
        // Each job runs for 4 s under a 1.5 s lease: it holds only if the renewals (every 0.5 s) hold it.
        List<Job<String>> jobs = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), work(keys, 4000L));
        await().atMost(Duration.ofSeconds(20)).until(() -> world.succeeded(jobs) == jobs.size());
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        assertThat(proxy.dropped()).as("renewal replies lost").isEqualTo(3);
        assertRanOnceEach(keys, jobs);
        for (Job<String> job : jobs) {
            assertThat(world.jedis.hget(world.jobKey(job.id()), "n")).as("attempts of %s", job.id()).isEqualTo("1");
        }
        assertThat(worker.output()).doesNotContain("Lost the lease").doesNotContain("Could not renew")
                .doesNotContain("took back").doesNotContain("lease had expired");
    }

    @Test
    void aChordMembersJoinAskedAgainAfterALostReplyFeedsTheCallbackOnceWithEveryResult() {
        int members = 8;
        List<String> keys = new ArrayList<>(keys("m-", members));
        WorkflowJob<Integer> chord = Workflow.chordOver(world.spool(), FaultTasks.MEMBER,
                IntStream.range(0, members).boxed().toList(), i -> new Object[] {"m-" + i, i, 0L})
                .callback(FaultTasks.GATHER, "callback").start();
        keys.add("callback");
        // A join call names each member it delivers by its outbox entry "<member id>|<queue>|<callback id>|<index>".
        List<String> entries = chord.jobs().subList(0, members).stream().map(job -> job.id() + "|").toList();
        proxy.dropFirstReplyToEach(LuaScript.JOIN_FLOWS.sha(), entries);
        WorkerProcess worker = processThroughProxy(2000, 4);

        assertThat(chord.await(Duration.ofSeconds(20))).isEqualTo(members);
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10)); // a second release would have run by now
        assertThat(proxy.undropped()).as("members whose join reply was not lost").isZero();
        assertThat(proxy.dropped()).isBetween(1, members);
        LedgerCheck check = LedgerCheck.of(world.ledger, keys);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).as("jobs that ran twice, the callback included").isEmpty();
        assertThat(check.runs()).isEqualTo(members + 1);
        List<String> expected = IntStream.range(0, members).mapToObj(i -> FaultTasks.memberValue(i) + "/" + worker.workerId())
                .toList();
        assertThat(Ledger.read(world.ledger)).filteredOn(e -> e.kind().equals("end") && e.key().equals("callback"))
                .extracting(Ledger.Entry::data).as("the callback's inputs, in input order")
                .containsExactly(String.join(",", expected));
        assertThat(worker.output()).doesNotContain("missing").doesNotContain("delivering to queue");
    }
}
