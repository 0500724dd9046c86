package dev.spool.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Priorities inside a queue against a real Redis: the order of fetches, and every path that re-queues or inspects a job. */
class PriorityTest {

    /** A task at the default level. */
    static final TaskDescriptor<Void> PLAIN = TaskDescriptor.builder("Prio.plain", TypeRef.VOID)
            .queue("prio").param("n", TypeRef.of(int.class)).build();
    /** A task whose jobs run at level 2 unless a call says otherwise. */
    static final TaskDescriptor<Void> URGENT = TaskDescriptor.builder("Prio.urgent", TypeRef.VOID)
            .queue("prio").param("n", TypeRef.of(int.class)).priority(2).build();

    private RedisNamespace redis;
    private Spool spool;
    private Broker broker;
    private QueueKeys queue;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        SpoolCore core = Access.core(spool);
        broker = core.broker();
        queue = core.keys().queue("prio");
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Job<Void> plain(int n, int priority) {
        return spool.enqueue(PLAIN, JobOptions.defaults().priority(priority), n);
    }

    private List<String> ids(List<Leased> leased) {
        return leased.stream().map(Leased::id).toList();
    }

    @Test
    void higherLevelsRunFirstAndEachLevelFirstInFirstOut() {
        int[] levels = {0, 3, -2, 5, 3, 0, -2, 5, -5, 1, 0, 3};
        record Queued(String id, int level, int order) {}
        List<Queued> queued = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            queued.add(new Queued(plain(i, levels[i]).id(), levels[i], i));
        }
        List<String> expected = queued.stream()
                .sorted(Comparator.comparingInt((Queued q) -> -q.level()).thenComparingInt(Queued::order))
                .map(Queued::id).toList();

        List<String> fetched = new ArrayList<>();
        fetched.addAll(ids(broker.fetch(queue, 1, 30_000)));
        fetched.addAll(ids(broker.fetch(queue, 2, 30_000)));
        fetched.addAll(ids(broker.fetch(queue, 100, 30_000)));
        assertThat(fetched).isEqualTo(expected);
        assertThat(broker.fetch(queue, 10, 30_000)).isEmpty();
        assertThat(redis.jedis.exists(queue.levels())).as("emptied levels are dropped").isFalse();
    }

    @Test
    void aTasksOwnLevelAppliesUnlessACallOverridesIt() {
        String urgent = spool.enqueue(URGENT, JobOptions.defaults(), 1).id();
        String overriddenDown = spool.enqueue(URGENT, JobOptions.defaults().priority(0), 2).id();
        String overriddenUp = spool.enqueue(URGENT, JobOptions.defaults().priority(4), 3).id();
        String normal = spool.enqueue(PLAIN, JobOptions.defaults(), 4).id();

        List<Leased> leased = broker.fetch(queue, 10, 30_000);
        assertThat(ids(leased)).containsExactly(overriddenUp, urgent, overriddenDown, normal);
        assertThat(leased.stream().map(l -> Payload.unpack(l.payload()).priority()).toList()).containsExactly(4, 2, 0, 0);
    }

    @Test
    void outOfRangePrioritiesAreRefused() {
        assertThatThrownBy(() -> JobOptions.defaults().priority(6)).hasMessageContaining("from -5 to 5");
        assertThatThrownBy(() -> JobOptions.defaults().priority(-6)).hasMessageContaining("from -5 to 5");
        assertThatThrownBy(() -> TaskDescriptor.builder("Prio.bad", TypeRef.VOID).priority(9))
                .hasMessageContaining("from -5 to 5");
    }

    @Test
    void aDelayedJobKeepsItsLevelWhenItBecomesDue() {
        String delayed = spool.enqueue(PLAIN, JobOptions.defaults().priority(3).delay(Duration.ofMillis(100)), 1).id();
        String normal = plain(2, 0).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.promote(queue, 100).moved() == 1 || redis.jedis.zcard(queue.due()) == 0);
        assertThat(ids(broker.fetch(queue, 10, 30_000))).containsExactly(delayed, normal);
    }

    @Test
    void aRetriedJobKeepsItsLevel() {
        String retried = plain(1, 3).id();
        Leased first = broker.fetch(queue, 1, 30_000).get(0);
        assertThat(first.id()).isEqualTo(retried);
        String normal = plain(2, 0).id();
        String highButLater = plain(3, 3).id();
        broker.fail(queue, new Broker.Failed(first.id(), first.token(), "{\"c\":\"x\",\"m\":\"boom\"}", true, 3, 0, null), 60);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.jedis.zcard(queue.due()) == 0 || broker.promote(queue, 100).moved() > 0);
        List<Leased> next = broker.fetch(queue, 10, 30_000);
        assertThat(ids(next)).containsExactly(highButLater, retried, normal);
        assertThat(next.get(1).attempt()).isEqualTo(2);
    }

    @Test
    void aHandedBackJobGoesToTheFrontOfItsOwnLevel() {
        String held = plain(1, -3).id();
        Leased lease = broker.fetch(queue, 1, 30_000).get(0);
        String sameLevel = plain(2, -3).id();
        String normal = plain(3, 0).id();
        assertThat(broker.handBack(queue, List.of(new Broker.Lease(lease.id(), lease.token())))).containsExactly(true);
        assertThat(ids(broker.fetch(queue, 10, 30_000))).containsExactly(normal, held, sameLevel);
    }

    @Test
    void aRecoveredJobGoesBackToItsOwnLevel() {
        String lost = plain(1, 4).id();
        assertThat(ids(broker.fetch(queue, 1, 1))).containsExactly(lost);
        String normal = plain(2, 0).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.recover(queue, 100, 5, 60).recovered() == 1);
        List<Leased> next = broker.fetch(queue, 10, 30_000);
        assertThat(ids(next)).containsExactly(lost, normal);
        assertThat(next.get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aDeadJobRetriedByAnOperatorGoesBackToItsOwnLevel() {
        String dead = plain(1, 1).id();
        Leased lease = broker.fetch(queue, 1, 30_000).get(0);
        broker.fail(queue, new Broker.Failed(lease.id(), lease.token(), "{\"c\":\"x\",\"m\":\"boom\"}", false, 0, 0, null), 60);
        String normal = plain(2, 0).id();
        assertThat(broker.retryDead(queue, dead)).isTrue();
        assertThat(ids(broker.fetch(queue, 10, 30_000))).containsExactly(dead, normal);
    }

    @Test
    void countsListingsCancelAndPurgeCoverEveryLevel() {
        List<String> low = List.of(plain(1, -1).id());
        List<String> normal = List.of(plain(2, 0).id(), plain(3, 0).id(), plain(4, 0).id());
        List<String> high = List.of(plain(5, 3).id(), plain(6, 3).id());
        JobQueue jobs = spool.queue("prio");
        assertThat(jobs.counts().queued()).isEqualTo(6);

        List<String> runOrder = new ArrayList<>(high);
        runOrder.addAll(normal);
        runOrder.addAll(low);
        assertThat(jobs.jobs(JobStatus.QUEUED, 0, 10).stream().map(JobInfo::id).toList()).isEqualTo(runOrder);
        List<String> paged = new ArrayList<>();
        for (int from = 0; from < 6; from += 4) {
            paged.addAll(jobs.jobs(JobStatus.QUEUED, from, 4).stream().map(JobInfo::id).toList());
        }
        assertThat(paged).as("pages across levels").isEqualTo(runOrder);

        assertThat(jobs.cancel(high.get(0)).cancelled()).isTrue();
        assertThat(redis.jedis.llen(queue.ready(3))).isEqualTo(1);
        assertThat(jobs.counts().queued()).isEqualTo(5);

        assertThat(jobs.repair().requeued()).as("prioritized jobs are not taken for lost ones").isZero();
        assertThat(jobs.counts().queued()).isEqualTo(5);

        assertThat(jobs.purge()).isEqualTo(5);
        assertThat(jobs.counts().queued()).isZero();
        assertThat(redis.keys()).noneMatch(key -> key.startsWith(queue.ready() + ":"));
        assertThat(broker.fetch(queue, 10, 30_000)).isEmpty();
    }

    @Test
    void aPausedQueueLeasesNoPrioritizedJobUntilResumed() {
        String id = plain(1, 5).id();
        JobQueue jobs = spool.queue("prio");
        jobs.pause();
        assertThat(broker.fetch(queue, 10, 30_000)).isEmpty();
        jobs.resume();
        assertThat(ids(broker.fetch(queue, 10, 30_000))).containsExactly(id);
    }

    @Test
    void aQueueThatNeverHadAPriorityUsesNoPriorityKey() {
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arguments.add(new Object[] {i});
        }
        spool.enqueueAll(PLAIN, JobOptions.defaults(), arguments);
        spool.enqueue(PLAIN, JobOptions.defaults().priority(0), 9);
        spool.enqueue(PLAIN, JobOptions.defaults().delay(Duration.ofMillis(1)), 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.promote(queue, 100).moved() == 1 || redis.jedis.zcard(queue.due()) == 0);
        assertThat(broker.fetch(queue, 100, 30_000)).hasSize(7);
        assertThat(redis.jedis.hget(core().keys().queue("prio").limits(), "prio")).isNull();
        assertThat(redis.keys().stream().filter(key -> key.startsWith(queue.ready() + ":") || key.equals(queue.levels()))
                .collect(Collectors.toList())).isEmpty();
    }

    /**
     * Commands a fetch of three jobs at the default level runs inside Redis: 19, as many as the
     * scripts ran before priorities existed (measured with this test on them).
     */
    static final int DEFAULT_FETCH_COMMANDS = 19;

    @Test
    void aFetchOnAQueueWithoutPrioritiesRunsNoMoreCommandsThanBefore() throws Exception {
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            arguments.add(new Object[] {i});
        }
        spool.enqueueAll(PLAIN, JobOptions.defaults(), arguments);
        String tag = "{" + redis.namespace + ":prio}";
        String start = redis.namespace + ":monitor-start";
        String end = redis.namespace + ":monitor-end";
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        redis.clients.jedis.Jedis monitor = new redis.clients.jedis.Jedis(java.net.URI.create(redis.url));
        Thread watcher = new Thread(() -> {
            try {
                monitor.monitor(new redis.clients.jedis.JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        if (command.contains(start)) {
                            started.set(true);
                        } else if (command.contains(end)) {
                            ended.set(true);
                        } else if (started.get() && !ended.get() && command.contains(tag) && command.contains(" lua]")) {
                            seen.add(command.substring(command.indexOf(']') + 2));
                        }
                    }
                });
            } catch (RuntimeException closed) {
                // the connection was closed to end the monitor
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                redis.jedis.get(start);
                return started.get();
            });
            assertThat(broker.fetch(queue, 10, 30_000)).hasSize(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                redis.jedis.get(end);
                return ended.get();
            });
        } finally {
            monitor.getClient().disconnect();
            watcher.join(5000);
        }
        assertThat(seen).noneMatch(c -> c.contains(":levels\"") || c.contains(":ready:"));
        assertThat(seen).as("commands run by the fetch: %s", seen).hasSize(DEFAULT_FETCH_COMMANDS);
    }

    private SpoolCore core() {
        return Access.core(spool);
    }
}
