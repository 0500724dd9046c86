package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobContext;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.NonRetryableException;
import dev.spool.Spool;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Retries per task and per call, exceptions not worth retrying, attempt history, dead-letter CLI. */
class RetryPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Throws what its argument names, counting runs per key. */
    static final TaskDescriptor<String> THROW = TaskDescriptor.builder("Policy.fail", TypeRef.of(String.class))
            .retries(3).noRetryFor(UnsupportedOperationException.class)
            .param("key", TypeRef.of(String.class)).param("kind", TypeRef.of(String.class)).build();

    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    static final Map<String, JobContext> CONTEXTS = new ConcurrentHashMap<>();

    static final class Policy {
        String fail(String key, String kind) {
            RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            CONTEXTS.put(key, JobContext.current().orElseThrow());
            switch (kind) {
                case "state" -> throw new IllegalStateException("state " + key);
                case "unsupported" -> throw new UnsupportedOperationException("task-level no-retry");
                case "marker" -> throw new NonRetryableException("give up");
                case "wrapped" -> throw new RuntimeException("outer", new NonRetryableException("inner"));
                case "arg" -> throw new IllegalArgumentException("bad " + key);
                default -> {
                    return key;
                }
            }
        }
    }

    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Policy.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(TaskEntry.of(THROW, Policy.class, Policy::new, (o, a) -> o.fail(a.get(0), a.get(1))));
        }
    }

    private RedisNamespace redis;
    private Spool spool;
    private Worker worker;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("policy");
        spool = redis.spool();
        worker = redis.track(Worker.builder(spool).taskTables(List.of(new Table())).concurrency(2).workerId("policy-worker")
                .retryBackoff(Duration.ofMillis(20)).maintenanceInterval(Duration.ofMillis(50)).build().start());
        RUNS.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private int runsOf(String key) {
        return RUNS.getOrDefault(key, new AtomicInteger()).get();
    }

    private Job<String> failed(JobOptions options, String key, String kind) {
        Job<String> job = spool.enqueue(THROW, options, key, kind);
        await().atMost(WAIT).until(() -> job.status() == JobStatus.FAILED);
        return job;
    }

    @Test
    void retriesOfTheTaskAndOfTheCall() {
        failed(JobOptions.defaults(), "task", "state");
        assertThat(runsOf("task")).isEqualTo(4); // 1 + retries = 3
        failed(JobOptions.defaults().retries(1), "call", "state");
        assertThat(runsOf("call")).isEqualTo(2);
        failed(JobOptions.defaults().retries(0), "none", "state");
        assertThat(runsOf("none")).isEqualTo(1);
    }

    @Test
    void exceptionsNotWorthRetryingFailAtOnce() {
        failed(JobOptions.defaults(), "unsupported", "unsupported"); // @Task(noRetryFor)
        failed(JobOptions.defaults(), "marker", "marker");           // NonRetryableException
        failed(JobOptions.defaults(), "wrapped", "wrapped");         // ... as a cause
        failed(JobOptions.defaults().noRetryFor(IllegalArgumentException.class), "percall", "arg");
        failed(JobOptions.defaults().noRetryFor(RuntimeException.class), "superclass", "arg");
        assertThat(runsOf("unsupported")).isEqualTo(1);
        assertThat(runsOf("marker")).isEqualTo(1);
        assertThat(runsOf("wrapped")).isEqualTo(1);
        assertThat(runsOf("percall")).isEqualTo(1);
        assertThat(runsOf("superclass")).isEqualTo(1);
        failed(JobOptions.defaults().noRetryFor(IllegalStateException.class), "other", "arg"); // not listed: retried
        assertThat(runsOf("other")).isEqualTo(4);
    }

    @Test
    void tasksSeeTheirJobContext() {
        Job<String> job = spool.enqueue(THROW, JobOptions.defaults(), "ctx", "ok");
        assertThat(job.await(WAIT)).isEqualTo("ctx");
        JobContext context = CONTEXTS.get("ctx");
        assertThat(context.id()).isEqualTo(job.id());
        assertThat(context.attempt()).isEqualTo(1);
        assertThat(context.workerId()).isEqualTo("policy-worker").isEqualTo(worker.id());
        assertThat(context.task()).isEqualTo("Policy.fail");
        assertThat(JobContext.current()).isEmpty();
    }

    @Test
    void deadJobsKeepReasonPayloadAndHistory() {
        Job<String> job = failed(JobOptions.defaults().retries(2), "hist", "state");
        DeadLetters dead = spool.deadLetters("default");
        DeadLetters.DeadJob d = dead.get(job.id()).orElseThrow();
        assertThat(d.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(d.failure().attempts()).isEqualTo(3);
        assertThat(d.payload()).startsWith("Policy.fail\n2\n").endsWith("[\"hist\",\"state\"]");
        assertThat(d.arguments()).isEqualTo("[\"hist\",\"state\"]");
        assertThat(d.history()).extracting(DeadLetters.Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(d.history()).allSatisfy(a -> {
            assertThat(a.worker()).isEqualTo("policy-worker");
            assertThat(a.error()).isEqualTo(IllegalStateException.class.getName());
            assertThat(a.message()).isEqualTo("state hist");
            assertThat(a.at().toEpochMilli()).isGreaterThan(0);
        });
        assertThat(dead.list(10)).extracting(DeadLetters.DeadJob::id).containsExactly(job.id());
    }

    @Test
    void deadLetterCommandLine() {
        Job<String> job = failed(JobOptions.defaults().retries(0), "cli", "state");
        String[] common = {"--redis-url", redis.url, "--namespace", redis.namespace, "--queue", "default"};

        assertThat(cli("dead", "list", common)).contains(job.id()).contains("IllegalStateException: state cli");
        String shown = cli("dead", "show", common, job.id());
        assertThat(shown).contains("task:      Policy.fail").contains("payload:   Policy.fail\\n0\\n")
                .contains("#1").contains("policy-worker").contains("stack trace:");
        assertThat(cli("dead", "retry", common, job.id())).contains("re-queued");
        await().atMost(WAIT).until(() -> job.status() == JobStatus.FAILED && runsOf("cli") == 2);
        assertThat(cli("dead", "delete", common, job.id())).contains("deleted");
        assertThat(job.status()).isEqualTo(JobStatus.MISSING);
        assertThat(cli("dead", "show", common, job.id())).contains("no dead job");
    }

    private static String cli(String command, String sub, String[] common, String... more) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        commandLine.setOut(new PrintWriter(out));
        String[] args = new String[2 + common.length + more.length];
        args[0] = command;
        args[1] = sub;
        System.arraycopy(common, 0, args, 2, common.length);
        System.arraycopy(more, 0, args, 2 + common.length, more.length);
        commandLine.execute(args);
        return out.toString();
    }
}
