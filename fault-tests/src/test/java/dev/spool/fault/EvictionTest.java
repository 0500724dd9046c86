package dev.spool.fault;

import dev.spool.testsupport.StderrTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.RepairReport;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * A Redis at {@code maxmemory} with {@code allkeys-lru} (on a server this test owns) evicts two
 * keys: the ready list of one queue, whose payloads survive in its wait hash (stranded: nothing
 * would run them), and the wait hash of another, whose queue entries survive without payloads.
 * Which keys go is steered by their LRU age: every other key is touched while those two age.
 * The producer and the worker name the risk loudly; the repair re-queues every stranded job, which
 * then runs once, and counts the jobs it cannot recover instead of dropping them silently.
 */
class EvictionTest {

    private static final int JOBS = 500;

    private OwnedRedis server;
    private FaultNamespace world;
    private Jedis admin;
    private StderrTap log;

    @BeforeEach
    void setUp(TestInfo info) {
        server = LocalRedis.startOwn();
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase(), server.url());
        admin = new Jedis("127.0.0.1", server.port());
        admin.configSet("maxmemory-policy", "allkeys-lru");
        admin.configSet("maxmemory-samples", "64"); // more than the keys there are: an exact LRU
        log = new StderrTap();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        admin.configSet("maxmemory", "0");
        admin.close();
        world.close();
        server.close();
    }

    private String key(String queue, String type) {
        return world.namespace + ":{" + world.namespace + ":" + queue + "}:" + type;
    }

    private static List<Object[]> work(String prefix) {
        return IntStream.range(0, JOBS).mapToObj(i -> new Object[] {prefix + i, 0L}).toList();
    }

    /** Every key of the namespace but these. */
    private String[] keysBut(String... spared) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(world.namespace + ":*").count(1000);
        do {
            var page = admin.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        keys.removeAll(List.of(spared));
        return keys.toArray(String[]::new);
    }

    /** Waits until {@code aging} has been idle for {@code seconds}, touching every other key but {@code alsoAging}. */
    private void age(String aging, int seconds, String... alsoAging) {
        List<String> spared = new ArrayList<>(List.of(alsoAging));
        spared.add(aging);
        String[] others = keysBut(spared.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(seconds + 3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            admin.touch(others);
            return admin.objectIdletime(aging) >= seconds;
        });
    }

    private long info(String section, String field) {
        return Long.parseLong(admin.info(section).lines().filter(l -> l.startsWith(field + ":")).findFirst()
                .orElseThrow().substring(field.length() + 1).trim());
    }

    @Test
    void afterAnEvictionTheRepairRequeuesEveryJobWhosePayloadSurvivedAndCountsTheOthers() {
        Spool producer = world.spool();
        assertThat(log.lines("maxmemory-policy=allkeys-lru")).as("the producer's warning at connect").hasSize(1);
        assertThat(log.lines("maxmemory-policy=allkeys-lru").get(0)).contains("WARN", "EVICTS KEYS", "loses");

        String strandedReady = key("fault", "ready");
        String lostWait = key("spare", "wait");
        List<Job<String>> stranded = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), work("kept-"));
        age(strandedReady, 2);
        List<Job<String>> lost = producer.enqueueAll(FaultTasks.WORK, JobOptions.defaults().queue("spare"), work("gone-"));
        age(lostWait, 1, strandedReady);

        // Fill Redis past maxmemory until it has evicted two keys: the two oldest. The filler is one
        // list, used at every push, so there are fewer keys than samples and none is older.
        String[] others = keysBut(strandedReady, lostWait);
        admin.configSet("maxmemory", Long.toString(info("memory", "used_memory") + 200_000));
        String filler = "f".repeat(2000);
        for (int i = 0; info("stats", "evicted_keys") < 2 && i < 10_000; i++) {
            admin.touch(others);
            admin.rpush("filler", filler);
        }
        admin.configSet("maxmemory", "0");
        assertThat(info("stats", "evicted_keys")).isEqualTo(2);
        assertThat(admin.exists(strandedReady)).as("the evicted ready list").isFalse();
        assertThat(admin.exists(lostWait)).as("the evicted wait hash").isFalse();
        assertThat(admin.hlen(key("fault", "wait"))).as("the stranded payloads").isEqualTo(JOBS);
        assertThat(admin.llen(key("spare", "ready"))).as("the queue entries without payloads").isEqualTo(JOBS);

        assertThat(producer.queue("fault").repair()).isEqualTo(new RepairReport("fault", JOBS, 0));
        assertThat(producer.queue("spare").repair()).isEqualTo(new RepairReport("spare", 0, JOBS));
        assertThat(log.lines("cannot be recovered")).hasSize(1);
        assertThat(log.lines("cannot be recovered").get(0))
                .contains("WARN", "Repair of queue spare: " + JOBS + " queued or scheduled job(s) lost their payload");

        WorkerProcess worker = world.process(2000, 8, 5);
        assertThat(worker.output()).contains("maxmemory-policy=allkeys-lru").contains("EVICTS KEYS");
        await().atMost(Duration.ofSeconds(30)).until(() -> world.succeeded(stranded) == JOBS);
        world.awaitNothingLeftToDeliverOrRun(Duration.ofSeconds(10));
        LedgerCheck check = LedgerCheck.of(world.ledger, IntStream.range(0, JOBS).mapToObj(i -> "kept-" + i).toList());
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).isEmpty();
        assertThat(check.unexpected()).as("no job without a payload ran").isEmpty();
        assertThat(check.runs()).isEqualTo(JOBS);
        assertThat(lost.subList(0, 20)).as("handles of jobs whose payload was evicted")
                .allMatch(job -> job.status() == JobStatus.MISSING);
    }
}
