package dev.spool.hostile;

import dev.spool.testsupport.StderrTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.CorruptRecordException;
import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.ScriptFailedException;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import redis.clients.jedis.JedisPooled;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State no Spool client writes, put straight into Redis next to ordinary jobs, with one worker
 * serving two queues: every ordinary job succeeds exactly once, a bad entry ends as a dead letter
 * with a readable reason, a wrong-typed key backs off its queue alone with one log line per
 * back-off, and no job is left active without a lease.
 */
class HostileStateTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CORRUPT = "dev.spool.CorruptRecord";

    private RedisNamespace redis;
    private Spool spool;
    private QueueKeys calm;
    private QueueKeys rough;
    private StderrTap log;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("hostile-" + info.getDisplayName().replaceAll("[^a-z0-9]", "").toLowerCase());
        spool = redis.spool();
        calm = Access.core(spool).keys().queue("calm");
        rough = Access.core(spool).keys().queue("rough");
        TestTasks.RECORDED.clear();
        log = new StderrTap();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        redis.close();
    }

    private Worker startWorker() {
        return redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).queues("calm", "rough")
                .concurrency(8).leaseDuration(Duration.ofSeconds(2)).retryBackoff(Duration.ofMillis(50))
                .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofMillis(200)).build().start());
    }

    private List<Job<String>> enqueue(String queue, String tagPrefix, int n) {
        List<Job<String>> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(spool.enqueue(TestTasks.RECORD, JobOptions.defaults().queue(queue), tagPrefix + i));
        }
        return jobs;
    }

    /** A job of queue rough whose payload already moved into its record (as after a retry), then corrupted. */
    private String retriedJob(String tag, BiConsumer<JedisPooled, String> corrupt) {
        Job<String> job = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().queue("rough"), tag);
        String packed = redis.jedis.hget(rough.waiting(), job.id());
        redis.jedis.hdel(rough.waiting(), job.id());
        redis.jedis.hset(rough.job(job.id()), Map.of("p", packed, "s", "q", "n", "1"));
        corrupt.accept(redis.jedis, rough.job(job.id()));
        return job.id();
    }

    private void assertRanExactlyOnce(List<Job<String>> jobs) {
        await().atMost(WAIT).until(() -> jobs.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
        for (Job<String> job : jobs) {
            assertThat(TestTasks.RECORDED).as("runs of %s", job.id()).containsOnlyOnce(job.await(WAIT));
        }
    }

    private void assertNothingActiveWithoutALease() {
        for (String key : redis.keys()) {
            if (!key.contains(":job:") || !"hash".equals(redis.jedis.type(key))) {
                continue;
            }
            if ("a".equals(redis.jedis.hget(key, "s"))) {
                QueueKeys q = key.startsWith(calm.jobPrefix()) ? calm : rough;
                String id = key.substring(q.jobPrefix().length());
                assertThat(redis.jedis.zscore(q.active(), id)).as("lease of active job %s", key).isNotNull();
            }
        }
    }

    private static Arguments entry(String name, BiConsumer<JedisPooled, String> corrupt, String reason) {
        return Arguments.of(name, corrupt, reason);
    }

    static Stream<Arguments> corruptEntries() {
        return Stream.of(
                entry("counter at 2^31-1", (j, job) -> j.hset(job, "n", "2147483647"), "attempt counter"),
                entry("counter at 2^63-1", (j, job) -> j.hset(job, "n", "9223372036854775807"), "attempt counter"),
                entry("counter not a number", (j, job) -> j.hset(job, "n", "abc"), "attempt counter"),
                entry("negative counter", (j, job) -> j.hset(job, "n", "-1000000"), "attempt counter"),
                entry("record without payload", (j, job) -> j.hdel(job, "p"), "no payload"),
                entry("record not a hash", (j, job) -> {
                    j.del(job);
                    j.set(job, "not a hash");
                }, "not a hash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptEntries")
    void aCorruptEntryIsDeadLetteredAloneAndItsNeighboursRunOnce(String name, BiConsumer<JedisPooled, String> corrupt,
            String reason) {
        List<Job<String>> jobs = new ArrayList<>(enqueue("rough", "before-", 10));
        String bad = retriedJob("bad", corrupt);
        jobs.addAll(enqueue("rough", "after-", 10));
        jobs.addAll(enqueue("calm", "calm-", 20));
        startWorker();

        assertRanExactlyOnce(jobs);
        await().atMost(WAIT).until(() -> redis.jedis.zscore(rough.dead(), bad) != null);
        assertThat(TestTasks.RECORDED).doesNotContain("bad");
        DeadLetters dead = spool.deadLetters("rough");
        if (reason.equals("not a hash")) {
            assertThatThrownBy(() -> dead.get(bad)).isInstanceOf(CorruptRecordException.class).hasMessageContaining(reason);
            assertThat(dead.list(10)).singleElement().satisfies(d -> assertThat(d.failure().exceptionClass()).isEqualTo(CORRUPT));
        } else {
            DeadLetters.DeadJob job = dead.get(bad).orElseThrow();
            assertThat(job.failure().exceptionClass()).isEqualTo(CORRUPT);
            assertThat(job.failure().message()).contains(reason);
            assertThat(redis.jedis.ttl(rough.job(bad))).as("the corrupt record expires").isPositive();
            assertThat(spool.job("rough", bad, dev.spool.spi.TypeRef.of(String.class)).status()).isEqualTo(JobStatus.FAILED);
        }
        await().atMost(WAIT).until(() -> !log.lines("is corrupt and was dead-lettered").isEmpty());
        assertThat(log.lines("is corrupt and was dead-lettered")).hasSize(1);
        assertNothingActiveWithoutALease();
    }

    @Test
    void aRecordOfAnotherTypeUnderAFirstRunKeepsItsPayloadAndItsNeighboursRun() {
        List<Job<String>> jobs = new ArrayList<>(enqueue("rough", "rough-", 10));
        Job<String> bad = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().queue("rough"), "bad");
        redis.jedis.sadd(rough.job(bad.id()), "a set");
        jobs.addAll(enqueue("rough", "more-", 10));
        startWorker();

        assertRanExactlyOnce(jobs);
        await().atMost(WAIT).until(() -> redis.jedis.zscore(rough.dead(), bad.id()) != null);
        assertThat(redis.jedis.hget(rough.waiting(), bad.id())).as("payload kept").isNotNull();
        assertThat(TestTasks.RECORDED).doesNotContain("bad");
        assertNothingActiveWithoutALease();
    }

    @Test
    void aHistoryThatIsNotJsonIsReplacedAndTheFailureRecorded() {
        Job<Void> boom = spool.enqueue(TestTasks.BOOM, JobOptions.defaults().queue("rough").retries(0), "kaput");
        String packed = redis.jedis.hget(rough.waiting(), boom.id());
        redis.jedis.hdel(rough.waiting(), boom.id());
        redis.jedis.hset(rough.job(boom.id()), Map.of("p", packed, "s", "q", "n", "0", "h", "{not json" + "x".repeat(9000)));
        List<Job<String>> jobs = enqueue("rough", "rough-", 10);
        startWorker();

        assertRanExactlyOnce(jobs);
        await().atMost(WAIT).until(() -> boom.status() == JobStatus.FAILED);
        DeadLetters.DeadJob dead = spool.deadLetters("rough").get(boom.id()).orElseThrow();
        assertThat(dead.history()).hasSize(1);
        assertThat(log.lines("lease had expired")).isEmpty();
        assertNothingActiveWithoutALease();
    }

    @Test
    void idsAreEscapedInTheLogAndReadableAsDeadLetters() {
        String id = "evil\n[main] WARN forged line";
        redis.jedis.hset(rough.job(id), Map.of("p", "Calc.record\n0\n\n[\"x\"]", "s", "q", "n", "-1"));
        redis.jedis.lpush(rough.ready(), id);
        List<Job<String>> jobs = enqueue("calm", "calm-", 5);
        startWorker();

        assertRanExactlyOnce(jobs);
        await().atMost(WAIT).until(() -> redis.jedis.zscore(rough.dead(), id) != null);
        await().atMost(WAIT).until(() -> !log.lines("is corrupt and was dead-lettered").isEmpty());
        assertThat(log.lines()).noneMatch(line -> line.startsWith("[main] WARN forged line"));
        assertThat(spool.deadLetters("rough").get(id).orElseThrow().failure().exceptionClass()).isEqualTo(CORRUPT);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("ready", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> {
                    j.del(q.ready());
                    j.hset(q.ready(), "x", "y");
                }),
                Arguments.of("wait", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.waiting(), "x")),
                Arguments.of("due", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.due(), "x")),
                Arguments.of("active", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.active(), "x")),
                Arguments.of("dead", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.dead(), "x")),
                Arguments.of("signal", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> {
                    j.del(q.signal());
                    j.hset(q.signal(), "x", "y");
                }),
                Arguments.of("token", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.hset(q.token(), "x", "y")),
                Arguments.of("limits", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.limits(), "x")),
                Arguments.of("token not a number", (BiConsumer<JedisPooled, QueueKeys>) (j, q) -> j.set(q.token(), "abc")));
    }

    private static final Pattern FAILURE_COUNT = Pattern.compile("\\(failure (\\d+) in a row");

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aWrongTypedKeyBacksOffItsQueueAloneAndTheQueueRecoversWhenRepaired(String key,
            BiConsumer<JedisPooled, QueueKeys> corrupt) {
        List<Job<String>> early = enqueue("rough", "early-", 5);
        corrupt.accept(redis.jedis, rough);
        startWorker();
        List<Job<String>> jobs = enqueue("calm", "calm-", 20);
        assertRanExactlyOnce(jobs);
        await().atMost(WAIT).until(() -> backOffs().size() >= 3);
        // one line per back-off: each names the next failure in a row, none is repeated
        for (String source : List.of("could not fetch from queue rough", "Maintenance of queue rough failed")) {
            List<Integer> counts = new ArrayList<>();
            for (String line : log.lines(source)) {
                Matcher m = FAILURE_COUNT.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                counts.add(Integer.parseInt(m.group(1)));
            }
            for (int i = 0; i < counts.size(); i++) {
                assertThat(counts.get(i)).isEqualTo(i + 1);
            }
        }
        assertThat(backOffs()).allMatch(line -> line.contains("SPOOL"));
        redis.jedis.del(key.startsWith("token") ? rough.token() : keyOf(key));
        List<Job<String>> late = enqueue("rough", "late-", 5);
        assertRanExactlyOnce(late);
        if (!key.equals("wait") && !key.equals("ready")) {
            assertRanExactlyOnce(early); // their ids or payloads were in the key repaired by deletion otherwise
        }
        assertNothingActiveWithoutALease();
    }

    private List<String> backOffs() {
        List<String> lines = new ArrayList<>(log.lines("could not fetch from queue rough"));
        lines.addAll(log.lines("Maintenance of queue rough failed"));
        return lines;
    }

    private String keyOf(String name) {
        return switch (name) {
            case "ready" -> rough.ready();
            case "wait" -> rough.waiting();
            case "due" -> rough.due();
            case "active" -> rough.active();
            case "dead" -> rough.dead();
            case "signal" -> rough.signal();
            case "limits" -> rough.limits();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void aScriptErrorIsItsOwnExceptionAndWritesNothing() {
        Broker broker = Access.core(spool).broker();
        Job<String> job = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().queue("rough"), "x");
        Broker.Leased leased = broker.fetch(rough, 1, 30_000).get(0);
        redis.jedis.hset(rough.due(), "x", "y");
        assertThatThrownBy(() -> broker.fail(rough, new Broker.Failed(leased.id(), leased.token(), "{}", true, 3, 10, null), 60))
                .isInstanceOf(ScriptFailedException.class).hasMessageContaining("SPOOL WRONGTYPE " + rough.due());
        assertThat(redis.jedis.zscore(rough.active(), job.id())).as("still leased").isNotNull();
        assertThat(redis.jedis.hget(rough.job(job.id()), "s")).isEqualTo("a");
    }
}
