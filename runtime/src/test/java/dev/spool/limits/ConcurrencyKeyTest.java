package dev.spool.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Limits;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import dev.spool.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Per-key concurrency against a real Redis, with two workers in one JVM. */
class ConcurrencyKeyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        LimitTasks.reset();
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        LimitTasks.release.countDown();
        redis.close();
    }

    private Worker worker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new LimitTasks.Table())).queues("keyed")
                .concurrency(4).maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(2))
                .build().start());
    }

    private static void awaitDone(List<? extends Job<?>> jobs) {
        await().atMost(WAIT).until(() -> jobs.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
    }

    private List<String> keysContaining(String part) {
        return redis.keys().stream().filter(k -> k.contains(part)).toList();
    }

    @Test
    void neverTwoJobsOfOneKeyRunAtOnceAcrossTwoWorkersWhileOtherKeysRunAlongside() {
        worker();
        worker();
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(spool.enqueue(LimitTasks.ONE_PER_KEY, JobOptions.defaults(), "k" + (i % 4), 30L));
        }
        awaitDone(jobs);

        assertThat(LimitTasks.FINISHED).hasSize(40);
        for (int k = 0; k < 4; k++) {
            assertThat(LimitTasks.MOST.get("k" + k).get()).as("most jobs of key k%d at once", k).isEqualTo(1);
        }
        assertThat(LimitTasks.MOST_ALL.get()).as("jobs of different keys ran at once").isGreaterThanOrEqualTo(2);
        assertThat(keysContaining(":parked")).as("no parked list or index left").isEmpty();
        assertThat(keysContaining(":ckey:")).as("no holder set left").isEmpty();
    }

    @Test
    void jobsBehindAFullKeyAreNotHeldUpByIt() {
        List<Job<Void>> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "a" + i));
        }
        Job<Void> otherKey = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "C", "c0");
        List<Job<Void>> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(spool.enqueue(LimitTasks.ONE_PER_KEY, JobOptions.defaults(), "b" + i, 1L));
        }
        worker();

        awaitDone(others);
        await().atMost(WAIT).until(() -> LimitTasks.RUNNING.containsKey("C") && LimitTasks.RUNNING.get("C").get() == 1);
        assertThat(LimitTasks.RUNNING.get("A").get()).as("the first job of key A still holds it").isEqualTo(1);
        assertThat(held.stream().filter(j -> j.status() == JobStatus.QUEUED).count()).as("the others wait, queued")
                .isEqualTo(9);
        assertThat(spool.queue("keyed").counts().queued()).as("parked jobs count as queued").isEqualTo(9);
        Job<Void> cancelled = held.remove(5);
        assertThat(spool.queue("keyed").cancel(cancelled.id()).cancelled()).isTrue();

        LimitTasks.release.countDown();
        awaitDone(held);
        awaitDone(List.of(otherKey));
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(LimitTasks.MOST.get("A").get()).isEqualTo(1);
        assertThat(LimitTasks.FINISHED).filteredOn(t -> t.startsWith("a")).hasSize(9).doesNotHaveDuplicates()
                .doesNotContain("a5");
        await().atMost(WAIT).until(() -> spool.queue("keyed").counts().queued() == 0);
    }

    @Test
    void aBusyWorkerDoesNotBufferAJobWhoseKeyAnotherWorkerCouldRunAtOnce() {
        // one task thread each; a long reservation, so a buffered job would stay buffered for 20 s
        Worker.Builder oneThread = Worker.builder(spool).taskTables(List.of(new LimitTasks.Table())).queues("keyed")
                .concurrency(1).leaseDuration(Duration.ofSeconds(60)).reservation(Duration.ofSeconds(60))
                .shutdownGrace(Duration.ofSeconds(2));
        redis.track(oneThread.build().start());
        spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "a0");
        await().atMost(WAIT).until(() -> LimitTasks.RUNNING.containsKey("A") && LimitTasks.RUNNING.get("A").get() == 1);
        Job<Void> otherKey = spool.enqueue(LimitTasks.ONE_PER_KEY, JobOptions.defaults(), "B", 1L);

        redis.track(oneThread.build().start());
        await().atMost(Duration.ofSeconds(10)).until(() -> otherKey.status() == JobStatus.SUCCEEDED);
        assertThat(LimitTasks.RUNNING.get("A").get()).as("key B ran while the first worker's thread still held A")
                .isEqualTo(1);
    }

    @Test
    void maxConcurrentTwoLetsTwoJobsOfAKeyRunAtOnceAndNoMore() {
        worker();
        worker();
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(spool.enqueue(LimitTasks.TWO_PER_KEY, JobOptions.defaults(), i % 2));
        }
        awaitDone(jobs);
        assertThat(LimitTasks.MOST.get("0").get()).isEqualTo(2);
        assertThat(LimitTasks.MOST.get("1").get()).isEqualTo(2);
    }

    @Test
    void aChainStepWhoseKeyIsBoundWhenTheChainStartsIsLimitedToo() {
        worker();
        worker();
        List<Job<?>> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            steps.add(Workflow.chain(spool).first(LimitTasks.NUMBER, 100L).then(LimitTasks.KEYED_STEP, "W").start());
        }
        awaitDone(steps);
        assertThat(LimitTasks.FINISHED).containsExactly("W", "W", "W", "W");
        assertThat(LimitTasks.MOST.get("W").get()).isEqualTo(1);
    }

    @Test
    void aCrashedHoldersSlotComesBackWhenItsLeaseExpires() {
        LimitTasks.release.countDown(); // runs end at once
        SpoolCore core = Access.core(spool);
        QueueKeys queue = core.keys().queue("keyed");
        Job<Void> first = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "first");
        Job<Void> second = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "second");
        new Limits(core.redis()).markKeyed(List.of(queue));
        long leasedAt = System.nanoTime();
        // a worker that leases the first job for one second and dies
        assertThat(core.broker().fetch(queue, 1, 1000)).extracting(l -> l.id()).containsExactly(first.id());

        worker();
        awaitDone(List.of(first, second));
        long firstStart = Collections.min(LimitTasks.STARTED_AT.values());
        assertThat(firstStart - leasedAt).as("nothing of key A ran before the dead holder's lease expired")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(LimitTasks.MOST.get("A").get()).isEqualTo(1);
        assertThat(LimitTasks.FINISHED).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aCompletionCarriedByAFetchLeasesItsKeysNextJobInThatCallWithoutAWakeUpToken() {
        OneKeyHeld held = leaseTheFirstOfTwoJobsOfOneKey();
        assertThat(held.leased()).extracting(Broker.Leased::id).containsExactly(held.first()); // the second is parked

        Broker.Exchange exchange = held.core().broker().completeAndFetch(held.queue(),
                List.of(new Broker.Completion(held.first(), held.leased().get(0).token(), "")), 0, 1, 10_000, "w", 3600);
        assertThat(exchange.recorded()).containsExactly(dev.spool.internal.queue.Reply.RECORDED);
        assertThat(exchange.jobs()).extracting(Broker.Leased::id).as("the key's next job, in the same call")
                .containsExactly(held.second());
        assertThat(redis.jedis.llen(held.queue().signal())).as("no wake-up token for a job the call leased").isZero();
        assertThat(keysContaining(":parked")).isEmpty();
    }

    @Test
    void aCompletionThatLeasesNothingWakesAWorkerForItsKeysNextJob() {
        OneKeyHeld held = leaseTheFirstOfTwoJobsOfOneKey();

        held.core().broker().completeAndFetch(held.queue(),
                List.of(new Broker.Completion(held.first(), held.leased().get(0).token(), "")), 0, 0, 10_000, "w", 3600);
        assertThat(redis.jedis.lrange(held.queue().ready(), 0, -1)).containsExactly(held.second());
        assertThat(redis.jedis.llen(held.queue().signal())).as("one wake-up token for the job made ready").isEqualTo(1);
    }

    /** Two jobs of key A on a keyed queue, the first leased (the second parked), no wake-up token left. */
    private OneKeyHeld leaseTheFirstOfTwoJobsOfOneKey() {
        SpoolCore core = Access.core(spool);
        QueueKeys queue = core.keys().queue("keyed");
        Job<Void> first = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "first");
        Job<Void> second = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "second");
        new Limits(core.redis()).markKeyed(List.of(queue));
        List<Broker.Leased> leased = core.broker().fetch(queue, 2, 10_000);
        redis.jedis.del(queue.signal());
        return new OneKeyHeld(core, queue, first.id(), second.id(), leased);
    }

    private record OneKeyHeld(SpoolCore core, QueueKeys queue, String first, String second, List<Broker.Leased> leased) {}

    @Test
    void theNextJobOfAKeyRunsOnTheThreadThatRanTheOneBefore() {
        worker();
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(spool.enqueue(LimitTasks.ONE_PER_KEY, JobOptions.defaults(), "A", 5L));
        }
        awaitDone(jobs);
        // a finished job's result and the lease of the key's next job are one call on its thread:
        // no hand-over to the fetcher and another of the worker's four threads
        assertThat(LimitTasks.THREADS.get("A")).hasSize(1);
        assertThat(LimitTasks.MOST.get("A").get()).isEqualTo(1);
    }

    @Test
    void whenARunningHolderIsCancelledItsKeysParkedJobsRun() {
        Job<Void> holder = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "holder");
        Job<Void> sameKey = spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "second");
        worker();
        await().atMost(WAIT).until(() -> spool.queue("keyed").counts().queued() == 1 && holder.status() == JobStatus.ACTIVE);

        spool.queue("keyed").cancel(holder.id());
        // a cancelled holder loses its lease at once and leaves no release behind: a fetch finds
        // the parked key without a live holder (checked a second after its last check at most)
        await().atMost(WAIT).until(() -> LimitTasks.STARTED_AT.containsKey("second"));
        assertThat(holder.status()).isEqualTo(JobStatus.CANCELLED);
        LimitTasks.release.countDown();
        awaitDone(List.of(sameKey));
        assertThat(keysContaining(":parked")).isEmpty();
    }

    @Test
    void purgeRemovesParkedJobsToo() {
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "a" + i));
        }
        worker();
        await().atMost(WAIT).until(() -> spool.queue("keyed").counts().queued() == 5 && LimitTasks.RUNNING.containsKey("A"));

        assertThat(spool.queue("keyed").purge()).isEqualTo(5);
        assertThat(spool.queue("keyed").counts().queued()).isZero();
        LimitTasks.release.countDown();
        awaitDone(jobs.subList(0, 1));
        assertThat(jobs.subList(1, 6)).allMatch(j -> j.status() == JobStatus.MISSING);
        assertThat(LimitTasks.FINISHED).containsExactly("a0");
        assertThat(keysContaining(":parked")).isEmpty();
    }

    @Test
    void repairLeavesParkedJobsWhereTheyAre() {
        List<Job<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(spool.enqueue(LimitTasks.HOLD, JobOptions.defaults(), "A", "a" + i));
        }
        worker();
        await().atMost(WAIT).until(() -> LimitTasks.RUNNING.containsKey("A") && LimitTasks.RUNNING.get("A").get() == 1);
        await().atMost(WAIT).until(() -> redis.jedis.llen(Access.core(spool).keys().queue("keyed").ready()) == 0);

        assertThat(spool.queue("keyed").repair()).as("parked jobs are neither lost nor re-queued")
                .isEqualTo(new dev.spool.RepairReport("keyed", 0, 0));
        LimitTasks.release.countDown();
        awaitDone(jobs);
        assertThat(LimitTasks.FINISHED).containsExactlyInAnyOrder("a0", "a1", "a2", "a3");
    }
}
