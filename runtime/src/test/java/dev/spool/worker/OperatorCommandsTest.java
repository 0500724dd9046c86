package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator commands of the worker main, run as a user runs them, against a real Redis. */
class OperatorCommandsTest {

    private RedisNamespace redis;
    private Spool spool;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        oldOut = System.out;
        oldErr = System.err;
    }

    @AfterEach
    void tearDown() throws Exception {
        System.setOut(oldOut);
        System.setErr(oldErr);
        redis.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--redis-url";
        all[args.length + 1] = redis.url;
        all[args.length + 2] = "--namespace";
        all[args.length + 3] = redis.namespace;
        try {
            return WorkerCommand.run(all);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void queuesJobsAndJobShowWhatWaits() {
        Job<Integer> first = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 3);
        spool.enqueue(TestTasks.ADD, JobOptions.defaults().delay(Duration.ofHours(1)), 4, 5);

        assertThat(run("queues")).isZero();
        assertThat(out()).contains("QUEUE").containsPattern("default\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0\\s+no");
        assertThat(run("queues", "--json")).isZero();
        assertThat(out()).contains("\"queue\" : \"default\"", "\"queued\" : 1");

        assertThat(run("jobs", "--queue", "default", "--state", "queued")).isZero();
        assertThat(out()).contains(first.id(), "Calc.add", "[2,3]", "1 job(s) shown");
        assertThat(run("job", first.id())).isZero();
        assertThat(out()).contains("status:", "QUEUED", "[2,3]");

        assertThat(run("job", "0000000000nope")).isEqualTo(1);
        assertThat(err()).contains("no job 0000000000nope in any queue");
        assertThat(run("jobs", "--queue", "nowhere")).isEqualTo(1);
        assertThat(err()).contains("no queue \"nowhere\"");
        assertThat(run("jobs", "--queue", "default", "--state", "sleeping")).isEqualTo(2);
        assertThat(err()).contains("unknown state \"sleeping\"");
        assertThat(run("cancel", "--queue", "bad queue!", "x")).isEqualTo(1);
        assertThat(err().lines().count()).isEqualTo(1); // one line, no stack trace
    }

    @Test
    void aSucceededJobIsListedWithItsTaskAndEveryJobThatRanWithItsStart() {
        redis.track(Worker.builder(spool).taskTables(java.util.List.of(new TestTasks.Table())).concurrency(1)
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
        Job<Integer> done = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 3);
        assertThat(done.await(Duration.ofSeconds(10))).isEqualTo(5);
        String started = spool.queue("default").job(done.id()).orElseThrow().startedAt().toString();

        assertThat(run("jobs", "--queue", "default", "--state", "succeeded")).isZero();
        assertThat(out()).contains("STARTED").containsPattern(done.id() + "\\s+Calc\\.add\\s+1\\s+\\S+\\s+" + started);
        assertThat(run("job", done.id())).isZero();
        assertThat(out()).containsPattern("task:\\s+Calc\\.add").containsPattern("started:\\s+" + started);
        assertThat(run("job", done.id(), "--json")).isZero();
        assertThat(out()).contains("\"startedAt\" : \"" + started + "\"", "\"task\" : \"Calc.add\"");
    }

    @Test
    void webWithoutSpoolWebOnTheClassPathSaysWhichModuleToAdd() {
        assertThat(run("web", "--port", "8080")).isEqualTo(1);
        assertThat(err()).contains("the web command needs dev.spool:spool-web on the worker's class path");
        assertThat(err().lines().count()).isEqualTo(1);
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("web", "Not available");
    }

    @Test
    void pauseResumePurgeAndCancel() {
        Job<Integer> a = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 1);
        spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 2);
        spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 3, 3);

        assertThat(run("pause", "default")).isZero();
        assertThat(out()).contains("queue default paused");
        assertThat(spool.queue("default").paused()).isTrue();
        assertThat(run("resume", "default")).isZero();
        assertThat(run("resume", "default")).isEqualTo(1);
        assertThat(err()).contains("was not paused");

        assertThat(run("cancel", a.id())).isZero();
        assertThat(out()).contains("job " + a.id() + " cancelled (it was queued)");
        assertThat(a.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(run("cancel", a.id())).isZero();
        assertThat(out()).contains("had finished already (cancelled); nothing changed");

        assertThat(run("purge", "default")).isEqualTo(2);
        assertThat(err()).contains("--yes");
        assertThat(spool.queue("default").counts().queued()).isEqualTo(2);
        assertThat(run("purge", "default", "--yes")).isZero();
        assertThat(out()).contains("removed 2 waiting job(s) from queue default");
        assertThat(run("workers")).isZero();
        assertThat(out()).contains("WORKER");
    }

    @Test
    void repairRequeuesStrandedJobsAndCountsTheLostOnes() {
        Job<Integer> stranded = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 1, 2);
        Job<Integer> lost = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 3, 4);
        String queue = redis.namespace + ":{" + redis.namespace + ":default}:";
        // As an eviction would: one job's queue entry is gone, another's payload.
        redis.jedis.lrem(queue + "ready", 0, stranded.id());
        redis.jedis.hdel(queue + "wait", lost.id());

        assertThat(run("repair", "default")).isZero();
        assertThat(out()).isEqualTo("queue default: re-queued 1 job(s) whose queue entry was lost; 1 job(s) lost their"
                + " payload and cannot be recovered" + System.lineSeparator());
        assertThat(redis.jedis.lrange(queue + "ready", 0, -1)).contains(stranded.id());
        assertThat(run("repair", "default", "--json")).isZero();
        assertThat(out()).contains("\"queue\" : \"default\"", "\"requeued\" : 0", "\"unrecoverable\" : 1");

        assertThat(run("repair", "nowhere")).isEqualTo(1);
        assertThat(err()).contains("no queue \"nowhere\"");
        assertThat(run("repair")).isEqualTo(2);
        assertThat(err()).contains("QUEUE");
    }
}
