package dev.spool.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.JobInfo;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Succeeded jobs whose results are kept are counted and listed through one member of the done set
 * per completion call (includes/kept.lua): the counts and pages an operator sees are those of one
 * entry per job, across calls of any size, and expired results leave the count at once.
 */
class KeptResultsTest {

    private static final String PAYLOAD = "Calc.record\n0\n\n[\"x\"]";

    private RedisNamespace redis;
    private Spool spool;
    private Broker broker;
    private QueueKeys q;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("kept-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        broker = Access.core(spool).broker();
        q = Access.core(spool).keys().queue("q");
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    /** Enqueues and leases n jobs, then records them as succeeded in one completion call; returns their ids in order. */
    private List<String> succeedInOneCall(String prefix, int n, long ttlSeconds) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
            broker.run(QueueCalls.enqueue(q, prefix + i, PAYLOAD, "0"));
        }
        List<Broker.Completion> done = new ArrayList<>();
        for (Broker.Leased job : broker.fetch(q, n, 30_000)) {
            done.add(new Broker.Completion(job.id(), job.token(), "\"r-" + job.id() + "\""));
        }
        assertThat(done).hasSize(n);
        broker.run(QueueCalls.complete(q, done, ttlSeconds));
        return ids;
    }

    private void awaitNextMillisecond() {
        long now = redisMillis();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> redisMillis() > now);
    }

    private long redisMillis() {
        return (Long) redis.jedis.eval("local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)");
    }

    @Test
    void countsAndPagesShowEachKeptJobOnceNewestFirstAcrossCallsOfAnySize() {
        List<String> newestFirst = new ArrayList<>();
        for (int[] call : new int[][] {{1}, {13}, {5}, {1}, {40}}) {
            // calls in the same millisecond of Redis' clock share a score, and a page orders those by member
            awaitNextMillisecond();
            List<String> ids = succeedInOneCall("c" + newestFirst.size() + "x", call[0], 3600);
            for (String id : ids) {
                newestFirst.add(0, id);
            }
        }
        JobQueue queue = spool.queue("q");
        assertThat(queue.counts().succeeded()).isEqualTo(60);
        assertThat(redis.jedis.zcard(q.done())).as("one member per completion call").isEqualTo(5);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 70; offset += 7) {
            List<JobInfo> page = queue.jobs(JobStatus.SUCCEEDED, offset, 7);
            assertThat(page.size()).isEqualTo(Math.max(0, Math.min(7, 60 - offset)));
            page.forEach(j -> {
                assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
                paged.add(j.id());
            });
        }
        assertThat(paged).isEqualTo(newestFirst);
        assertThat(queue.jobs(JobStatus.SUCCEEDED, 14, 30).stream().map(JobInfo::id).toList())
                .isEqualTo(newestFirst.subList(14, 44));
    }

    @Test
    void expiredResultsLeaveTheCountAtOnceAndTheTrimTakesTheirEntries() {
        succeedInOneCall("short", 3, 1);
        List<String> kept = succeedInOneCall("long", 4, 3600);
        JobQueue queue = spool.queue("q");
        assertThat(queue.counts().succeeded()).isEqualTo(7);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.counts().succeeded() == 4);
        assertThat(redis.jedis.zcard(q.done())).as("not trimmed yet").isEqualTo(2);
        assertThat(broker.run(QueueCalls.trimKept(q, 100))).as("ids trimmed").isEqualTo(3L);
        assertThat(redis.jedis.zcard(q.done())).isEqualTo(1);
        assertThat(redis.jedis.hget(q.done() + ":n", "n")).isEqualTo("4");
        assertThat(queue.counts().succeeded()).isEqualTo(4);
        List<String> newestFirst = new ArrayList<>(kept);
        java.util.Collections.reverse(newestFirst);
        assertThat(queue.jobs(JobStatus.SUCCEEDED, 0, 10).stream().map(JobInfo::id).toList()).isEqualTo(newestFirst);
    }

    @Test
    void aCompletionCallTrimsExpiredEntriesOnItsWay() {
        succeedInOneCall("a", 2, 1);
        succeedInOneCall("b", 2, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.queue("q").counts().succeeded() == 0);
        succeedInOneCall("c", 1, 3600);
        assertThat(redis.jedis.zcard(q.done())).as("both expired members went with the next call").isEqualTo(1);
        assertThat(redis.jedis.hget(q.done() + ":n", "n")).isEqualTo("1");
        assertThat(spool.queue("q").counts().succeeded()).isEqualTo(1);
    }
}
