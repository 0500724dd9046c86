package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Completion;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/**
 * {@code Job.await} and {@code Job.future} learn of a job's end from Redis (the finishing script
 * publishes it) instead of polling, and jobs nobody awaits publish nothing. A server of its own,
 * so that its command counters see this test's commands only.
 */
class AwaitNotificationTest {

    private OwnedRedis server;
    private JedisPooled admin;
    private Spool spool;
    private SpoolCore core;
    private QueueKeys queue;

    @BeforeEach
    void setUp() {
        server = LocalRedis.startOwn();
        admin = new JedisPooled(server.url());
        spool = Spool.builder().redisUrl(server.url()).namespace("await").poolSize(8).build();
        core = Access.core(spool);
        queue = core.keys().queue("default");
    }

    @AfterEach
    void tearDown() {
        spool.close();
        admin.close();
        server.close();
    }

    /** Calls of a command since the last CONFIG RESETSTAT, from INFO commandstats. */
    private long calls(String command) {
        for (String line : redis.clients.jedis.util.SafeEncoder.encode((byte[]) admin.sendCommand(Protocol.Command.INFO, "commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    private void resetStats() {
        admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
    }

    private Leased leaseByHand() {
        List<Leased> leased = core.broker().fetch(queue, 1, 30_000);
        assertThat(leased).hasSize(1);
        return leased.get(0);
    }

    @Test
    void awaitGetsTheResultFromTheCompletionsMessageAndReadsTheStatusOnlyAsAFallback() throws Exception {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 3);
        Leased leased = leaseByHand();
        CompletableFuture<Integer> awaited = CompletableFuture.supplyAsync(() -> job.await(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.zscore(queue.awaited(), job.id()) != null);
        resetStats();
        // the job runs for 1.5 s: a poller (1-50 ms) would read its status ~30 times meanwhile
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !awaited.isDone());
        long readsWhileRunning = calls("evalsha") + calls("eval");
        assertThat(readsWhileRunning).as("status reads in 1.5 s (the fallback reads once a second)").isBetween(0L, 2L);

        long completedAt = System.nanoTime();
        core.broker().complete(queue, List.of(new Completion(leased.id(), leased.token(), "5")), 60);
        assertThat(awaited.get(900, TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat((System.nanoTime() - completedAt) / 1_000_000).as("ms from completion to await's return")
                .isLessThan(900);
        assertThat(calls("publish")).isEqualTo(1);
        assertThat(admin.exists(queue.awaited())).as("the entry is removed with the publish").isFalse();
    }

    @Test
    void aFailureForGoodReachesAwaitAndFutureAsAJobFailedException() {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 1);
        Leased leased = leaseByHand();
        CompletableFuture<Integer> future = job.future();
        CompletableFuture<Integer> awaited = CompletableFuture.supplyAsync(() -> job.await(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.zscore(queue.awaited(), job.id()) != null
                && !future.isDone() && !awaited.isDone());
        core.broker().fail(queue, new Broker.Failed(leased.id(), leased.token(),
                "{\"c\":\"java.lang.IllegalStateException\",\"m\":\"no\",\"s\":\"\",\"n\":1}", false, 0, 0, null), 60);
        for (CompletableFuture<Integer> f : List.of(future, awaited)) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(JobFailedException.class).hasMessageContaining("IllegalStateException");
        }
    }

    @Test
    void futuresOfManyJobsCompleteFromTheirWorkersMessages() {
        Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .shutdownGrace(Duration.ofSeconds(2)).build().start();
        try {
            List<Object[]> arguments = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                arguments.add(new Object[] {i, 1});
            }
            List<CompletableFuture<Integer>> futures = spool.enqueueAll(TestTasks.ADD, JobOptions.defaults(), arguments)
                    .stream().map(Job::future).toList();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i)).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(i + 1);
            }
        } finally {
            worker.close();
        }
    }

    @Test
    void jobsNobodyAwaitsPublishNothing() {
        Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .shutdownGrace(Duration.ofSeconds(2)).build().start();
        try {
            resetStats();
            List<Object[]> arguments = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                arguments.add(new Object[] {i, 1});
            }
            spool.enqueueAll(TestTasks.ADD, JobOptions.defaults(), arguments);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    admin.llen(queue.ready()) == 0 && admin.zcard(queue.active()) == 0 && spool.queue("default").counts().succeeded() == 100);
            assertThat(calls("publish")).isZero();
            assertThat(admin.exists(queue.awaited())).isFalse();
        } finally {
            worker.close();
        }
    }
}
