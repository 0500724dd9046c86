package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Completion;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.internal.queue.Reply;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's fast paths: batched fetches and discarded results keep every guarantee. */
class FastPathTest {

    private RedisNamespace redis;
    private Spool spool;
    private SpoolCore core;
    private QueueKeys queue;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        core = Access.core(spool);
        queue = core.keys().queue("default");
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void discardedResultsLeaveNoRecords() {
        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .keepResults(false).shutdownGrace(Duration.ofSeconds(2)).build().start());
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            arguments.add(new Object[] {i, 1});
        }
        List<Job<Integer>> jobs = spool.enqueueAll(TestTasks.ADD, JobOptions.defaults(), arguments);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                redis.jedis.llen(queue.ready()) == 0 && redis.jedis.zcard(queue.active()) == 0);
        assertThat(redis.keys()).noneMatch(key -> key.startsWith(queue.jobPrefix()));
        assertThat(jobs.get(0).status()).isEqualTo(JobStatus.MISSING);
    }

    @Test
    void batchedFetchLeasesEachJobOnceWithTokensThatCompletionChecks() {
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arguments.add(new Object[] {i, 2});
        }
        List<Job<Integer>> jobs = spool.enqueueAll(TestTasks.ADD, JobOptions.defaults(), arguments);
        redis.jedis.lpush(queue.ready(), jobs.get(0).id()); // a duplicate entry of a queued job
        Broker broker = core.broker();
        List<Leased> leased = broker.fetch(queue, 10, 30_000);
        assertThat(leased).hasSize(5);
        assertThat(leased.stream().map(Leased::id).collect(Collectors.toSet()))
                .isEqualTo(jobs.stream().map(Job::id).collect(Collectors.toSet()));
        assertThat(leased).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
        assertThat(redis.jedis.zcard(queue.active())).isEqualTo(5);
        assertThat(redis.jedis.hlen(queue.waiting())).isZero();
        assertThat(redis.jedis.llen(queue.ready())).isZero();

        Leased first = leased.get(0);
        assertThat(broker.complete(queue, List.of(new Completion(first.id(), "999999", "1")), 60))
                .containsExactly(Reply.STALE_LEASE);
        List<Completion> all = leased.stream().map(j -> new Completion(j.id(), j.token(), "7")).toList();
        assertThat(broker.complete(queue, all, 60)).containsOnly(Reply.RECORDED);
        // a repeat (its reply was lost) is recognised and writes nothing
        assertThat(broker.complete(queue, all.subList(0, 1), 60)).containsExactly(Reply.RECORDED_BEFORE);
        assertThat(redis.jedis.zcard(queue.active())).isZero();
        assertThat(jobs.get(1).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(Set.copyOf(redis.jedis.hkeys(queue.job(first.id())))).doesNotContain("p");
    }

    @Test
    void oneCallRecordsResultsTokenCheckedAndLeasesTheNextJobs() {
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            arguments.add(new Object[] {i, 3});
        }
        List<Job<Integer>> jobs = spool.enqueueAll(TestTasks.ADD, JobOptions.defaults(), arguments);
        Broker broker = core.broker();
        Broker.Exchange first = broker.completeAndFetch(queue, List.of(), 60, 3, 30_000, "w1", 3600);
        assertThat(first.recorded()).isEmpty();
        assertThat(first.jobs()).hasSize(3);
        Leased a = first.jobs().get(0);
        Leased b = first.jobs().get(1);
        // one good completion, one with a wrong token, and the next batch, in one call
        Broker.Exchange second = broker.completeAndFetch(queue,
                List.of(new Completion(a.id(), a.token(), "9"), new Completion(b.id(), "999999", "9")), 60, 10, 30_000, "w1", 3600);
        assertThat(second.recorded()).containsExactly(Reply.RECORDED, Reply.STALE_LEASE);
        assertThat(second.jobs()).hasSize(3);
        assertThat(second.jobs()).extracting(Leased::id).doesNotContainAnyElementsOf(first.jobs().stream().map(Leased::id).toList());
        assertThat(redis.jedis.zcard(queue.active())).isEqualTo(5);
        assertThat(redis.jedis.hget(queue.job(b.id()), "s")).isEqualTo("a");
        assertThat(redis.jedis.hget(queue.job(second.jobs().get(0).id()), "w")).isEqualTo("w1");
        // a completion alone (nothing to fetch); a repeated one is recognised, not written again
        Broker.Exchange third = broker.completeAndFetch(queue,
                List.of(new Completion(a.id(), a.token(), "9"), new Completion(b.id(), b.token(), "9")), 60, 0, 30_000, null, 3600);
        assertThat(third.recorded()).containsExactly(Reply.RECORDED_BEFORE, Reply.RECORDED);
        assertThat(third.jobs()).isEmpty();
        assertThat(jobs.stream().filter(j -> j.id().equals(a.id())).findFirst().orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(redis.jedis.zcard(queue.active())).isEqualTo(4);
    }

    @Test
    void prefetchedJobsAreLeasedAndHandedBackAtOnceOnClose() {
        Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(1).prefetch(3)
                .shutdownGrace(Duration.ofMillis(300)).build().start();
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            arguments.add(new Object[] {5_000L});
        }
        List<Job<Long>> jobs = spool.enqueueAll(TestTasks.SLEEP, JobOptions.defaults(), arguments);
        // one runs, three wait in the local buffer, leased; two stay in the queue
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.jobsInHand() == 4);
        assertThat(redis.jedis.zcard(queue.active())).isEqualTo(4);
        assertThat(redis.jedis.llen(queue.ready())).isEqualTo(2);
        assertThat(TestTasks.RUNNING.get()).isLessThanOrEqualTo(1);
        worker.close();
        // every job is back in the queue at once, none counted as an attempt
        assertThat(redis.jedis.zcard(queue.active())).isZero();
        assertThat(redis.jedis.llen(queue.ready())).isEqualTo(6);
        assertThat(jobs).allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.QUEUED));
        for (Job<Long> job : jobs) {
            String attempts = redis.jedis.hget(queue.job(job.id()), "n");
            assertThat(attempts == null ? 0 : Integer.parseInt(attempts)).isZero();
        }
    }

    @Test
    void bulkEnqueueWritesEachQueuesBatchInOneCallInOrderAndGivesAClashingIdANewOne() {
        Job<Integer> earlier = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 0, 0);
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            arguments.add(new Object[] {i, 1});
        }
        // one id of the batch is taken already: the job gets a fresh id, the others are written as they are
        String taken = dev.spool.internal.JobIds.next();
        redis.jedis.hset(queue.waiting(), taken, "someone else's payload");
        List<SpoolCore.Prepared> prepared = new ArrayList<>();
        for (Object[] a : arguments) {
            prepared.add(core.prepare(TestTasks.ADD, JobOptions.defaults(), a));
        }
        prepared.set(7, new SpoolCore.Prepared(queue, taken, TestTasks.ADD.name(), prepared.get(7).payload(), "0"));
        List<SpoolCore.Prepared> written = core.write(prepared);
        assertThat(written).hasSize(1500);
        assertThat(written.get(7).id()).isNotEqualTo(taken);
        assertThat(redis.jedis.hget(queue.waiting(), taken)).isEqualTo("someone else's payload");
        assertThat(redis.jedis.llen(queue.ready())).isEqualTo(1501);
        // first in, first out: the ready list's tail is the earlier job, then the batch in order
        List<String> ready = redis.jedis.lrange(queue.ready(), 0, -1);
        java.util.Collections.reverse(ready);
        assertThat(ready.get(0)).isEqualTo(earlier.id());
        List<String> batchOrder = ready.subList(1, ready.size());
        List<String> expected = written.stream().map(SpoolCore.Prepared::id).collect(Collectors.toList());
        expected.remove(7);
        assertThat(batchOrder.stream().filter(id -> !id.equals(written.get(7).id())).toList()).isEqualTo(expected);
        assertThat(redis.jedis.hlen(queue.waiting())).isEqualTo(1502);
    }
}
