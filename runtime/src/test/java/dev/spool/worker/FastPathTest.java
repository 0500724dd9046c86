package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Broker;
import dev.spool.internal.Broker.Completion;
import dev.spool.internal.Broker.Leased;
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
        assertThat(broker.complete(queue, List.of(new Completion(first.id(), "999999", "1")), 60)).containsExactly(false);
        List<Completion> all = leased.stream().map(j -> new Completion(j.id(), j.token(), "7")).toList();
        assertThat(broker.complete(queue, all, 60)).containsOnly(true);
        assertThat(broker.complete(queue, all.subList(0, 1), 60)).containsExactly(false);
        assertThat(redis.jedis.zcard(queue.active())).isZero();
        assertThat(jobs.get(1).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(Set.copyOf(redis.jedis.hkeys(queue.job(first.id())))).doesNotContain("p", "k");
    }
}
