package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobFailure;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.JobTimeoutException;
import dev.spool.PayloadTooLargeException;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import dev.spool.test.TestTasks.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JobOptions NOW = JobOptions.defaults();

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        TestTasks.RECORDED.clear();
        TestTasks.MAX_RUNNING.set(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker(int concurrency) {
        return worker(Worker.builder(spool).concurrency(concurrency));
    }

    private Worker worker(Worker.Builder builder) {
        return redis.track(builder.taskTables(List.of(new TestTasks.Table()))
                .retryBackoff(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    @Test
    void enqueueRunAndTypedResult() {
        worker(2);
        Job<Integer> job = spool.enqueue(TestTasks.ADD, NOW, 2, 3);
        assertThat(job.await(WAIT)).isEqualTo(5);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result()).contains(5);
        assertThat(job.failure()).isEmpty();
        assertThat(job.task()).isEqualTo("Calc.add");
        assertThat(spool.job("default", job.id(), TypeRef.of(Integer.class)).result()).contains(5);
        assertThat(spool.job("default", job.id(), TypeRef.of(Integer.class)).task()).isEqualTo("Calc.add");
    }

    @Test
    void genericResultsAndFutures() throws Exception {
        worker(2);
        List<Map<String, Point>> points = List.of(Map.of("a", new Point(1, 2)), Map.of("b", new Point(3, 4)));
        Job<List<Map<String, Point>>> job = spool.enqueue(TestTasks.MIRROR, NOW, points, Instant.now());
        List<Map<String, Point>> mirrored = job.future().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(mirrored).containsExactly(Map.of("a", new Point(2, 1)), Map.of("b", new Point(4, 3)));
        assertThat(mirrored.get(0).get("a")).isInstanceOf(Point.class);
    }

    @Test
    void throwingTaskFailsWithItsExceptionAndTheWorkerGoesOn() {
        worker(1);
        Job<Void> boom = spool.enqueue(TestTasks.BOOM, NOW, "kaput");
        assertThatThrownBy(() -> boom.await(WAIT)).isInstanceOf(JobFailedException.class).hasMessageContaining("kaput");
        JobFailure failure = boom.failure().orElseThrow();
        assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.message()).isEqualTo("kaput");
        assertThat(failure.stackTrace()).contains("TestTasks$Calc.boom");
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(boom.status()).isEqualTo(JobStatus.FAILED);
        assertThat(spool.enqueue(TestTasks.ADD, NOW, 1, 1).await(WAIT)).isEqualTo(2);
        assertThat(spool.deadLetters("default").list(10)).extracting(DeadLetters.DeadJob::id).containsExactly(boom.id());
        assertThatThrownBy(() -> boom.future().join()).hasCauseInstanceOf(JobFailedException.class);
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        worker(1);
        String key = redis.namespace + "-flaky";
        Job<String> job = spool.enqueue(TestTasks.FLAKY, NOW, key, 2);
        assertThat(job.await(WAIT)).isEqualTo(key + " after 3");
        assertThat(TestTasks.ATTEMPTS.get(key)).hasValue(3);

        String hopeless = redis.namespace + "-hopeless";
        Job<String> failing = spool.enqueue(TestTasks.FLAKY, JobOptions.defaults().retries(1), hopeless, 10);
        assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOf(JobFailedException.class);
        assertThat(failing.failure().orElseThrow().attempts()).isEqualTo(2);
        assertThat(TestTasks.ATTEMPTS.get(hopeless)).hasValue(2);
    }

    @Test
    void unknownTasksAreRetriedAndBadPayloadsFailAtOnceWithAReason() {
        worker(1);
        TaskDescriptor<String> unknown = TaskDescriptor.builder("Nobody.knows", TypeRef.of(String.class))
                .retries(2).param("x", TypeRef.of(String.class)).build();
        Job<String> job = spool.enqueue(unknown, NOW, "x");
        assertThatThrownBy(() -> job.await(WAIT)).isInstanceOf(JobFailedException.class);
        JobFailure failure = job.failure().orElseThrow();
        assertThat(failure.exceptionClass()).isEqualTo("dev.spool.UnknownTask");
        assertThat(failure.message()).startsWith("unknown task \"Nobody.knows\": none of the ").contains("; closest: ");
        assertThat(failure.attempts()).as("retried like any failure, then a dead letter").isEqualTo(3);

        // Raw payloads written behind Spool's back: wrong types, wrong arity, garbage.
        String q = redis.namespace + ":{" + redis.namespace + ":default}:";
        List<String> bad = List.of("Calc.add\n3\n\n[\"one\",2]", "Calc.add\n3\n\n[1]", "garbage");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            String id = "bad" + i;
            redis.jedis.hset(q + "wait", id, bad.get(i));
            redis.jedis.lpush(q + "ready", id);
            ids.add(id);
        }
        redis.jedis.lpush(q + "signal", "1");
        for (String id : ids) {
            Job<Integer> badJob = spool.job("default", id, TypeRef.of(Integer.class));
            await().atMost(WAIT).until(() -> badJob.status() == JobStatus.FAILED);
            assertThat(badJob.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.CodecException");
            assertThat(badJob.failure().orElseThrow().attempts()).isEqualTo(1);
        }
        assertThat(spool.job("default", "bad0", TypeRef.of(Integer.class)).failure().orElseThrow().message())
                .contains("argument 0 (a)");
        assertThat(spool.enqueue(TestTasks.ADD, NOW, 20, 22).await(WAIT)).isEqualTo(42);
    }

    @Test
    void delayedJobsRunNotBeforeTheirTime() {
        worker(2);
        Instant start = Instant.now();
        Job<String> delayed = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().delay(Duration.ofMillis(700)), "late");
        Job<String> at = spool.enqueue(TestTasks.RECORD, JobOptions.defaults().runAt(Instant.now().plusMillis(400)), "at");
        assertThat(delayed.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(at.await(WAIT)).isEqualTo("at");
        assertThat(delayed.await(WAIT)).isEqualTo("late");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(690));
        assertThat(TestTasks.RECORDED).containsExactly("at", "late");
    }

    @Test
    void manyWorkersPromoteDueJobsButEachRunsOnce() {
        for (int i = 0; i < 4; i++) {
            worker(4);
        }
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            arguments.add(new Object[] {"t" + i});
        }
        List<Job<String>> jobs = spool.enqueueAll(TestTasks.RECORD, JobOptions.defaults().delay(Duration.ofMillis(300)), arguments);
        for (Job<String> job : jobs) {
            job.await(WAIT);
        }
        assertThat(TestTasks.RECORDED).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void concurrencyRunsNJobsAtOnce() {
        worker(4);
        List<Object[]> arguments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            arguments.add(new Object[] {300L});
        }
        Instant start = Instant.now();
        for (Job<Long> job : spool.enqueueAll(TestTasks.SLEEP, NOW, arguments)) {
            job.await(WAIT);
        }
        assertThat(TestTasks.MAX_RUNNING).hasValue(4);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void awaitTimesOut() {
        Job<Integer> job = spool.enqueue(TestTasks.ADD, NOW, 1, 2); // no worker
        assertThatThrownBy(() -> job.await(Duration.ofMillis(100)))
                .isInstanceOf(JobTimeoutException.class).hasMessageContaining("QUEUED");
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(spool.job("default", "0000000000nope", TypeRef.of(Integer.class)).status()).isEqualTo(JobStatus.MISSING);
    }

    @Test
    void taskTimeoutInterruptsAndFails() {
        worker(1);
        Job<Long> job = spool.enqueue(TestTasks.SLOW_LIMITED, NOW, 5000L);
        assertThatThrownBy(() -> job.await(WAIT)).isInstanceOf(JobFailedException.class);
        assertThat(job.failure().orElseThrow().exceptionClass()).isEqualTo("dev.spool.TaskTimeout");
        assertThat(spool.enqueue(TestTasks.SLOW_LIMITED, NOW, 10L).await(WAIT)).isEqualTo(10L);
    }

    @Test
    void resultsExpire() {
        Spool shortLived = redis.spool(Spool.builder().resultTtl(Duration.ofSeconds(1)));
        worker(Worker.builder(shortLived).concurrency(1));
        Job<Integer> job = shortLived.enqueue(TestTasks.ADD, NOW, 1, 2);
        assertThat(job.await(WAIT)).isEqualTo(3);
        Long ttl = redis.jedis.pttl(redis.namespace + ":{" + redis.namespace + ":default}:job:" + job.id());
        assertThat(ttl).isBetween(1L, 1000L);
        await().atMost(Duration.ofSeconds(3)).until(() -> job.status() == JobStatus.MISSING);
        assertThat(job.result()).isEmpty();
    }

    @Test
    void oversizedArgumentsAreRefusedBeforeWriting() {
        Spool small = redis.spool(Spool.builder().maxPayloadBytes(1024));
        assertThatThrownBy(() -> small.enqueue(TestTasks.RECORD, NOW, "x".repeat(2000)))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("1024");
        assertThat(redis.keys()).isEmpty();
        assertThatThrownBy(() -> spool.enqueue(TestTasks.ADD, NOW, 1)).isInstanceOf(SpoolException.class);
    }

    @Test
    void eagerValidation() {
        TaskTable duplicate = new TaskTable() {
            @Override
            public Class<?> ownerType() {
                return String.class;
            }

            @Override
            public List<TaskEntry<?, ?>> entries() {
                return List.of(TaskEntry.of(TestTasks.ADD, String.class, null, (o, a) -> 1),
                        TaskEntry.of(TaskDescriptor.builder("Str.len", TypeRef.of(Integer.class)).build(),
                                String.class, null, (o, a) -> o.length()));
            }
        };
        assertThatThrownBy(() -> Worker.builder(spool).taskTables(List.of(new TestTasks.Table(), duplicate)).build())
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("task \"Calc.add\" is declared twice")
                .hasMessageContaining("no instance for the task owner(s) java.lang.String");
        Worker fine = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).build();
        assertThat(fine.queues()).containsExactly("default");
        assertThat(fine.tasks()).contains("Calc.add", "Calc.mirror");
    }

    @Test
    void deadLettersCanBeRetriedAndDeleted() {
        worker(1);
        String key = redis.namespace + "-dead";
        Job<String> job = spool.enqueue(TestTasks.FLAKY, JobOptions.defaults().retries(0), key, 1);
        assertThatThrownBy(() -> job.await(WAIT)).isInstanceOf(JobFailedException.class);
        DeadLetters dead = spool.deadLetters("default");
        assertThat(dead.size()).isEqualTo(1);
        DeadLetters.DeadJob entry = dead.list(10).get(0);
        assertThat(entry.task()).isEqualTo("Calc.flaky");
        assertThat(entry.failure().message()).isEqualTo("attempt 1 fails");
        assertThat(dead.retry(job.id())).isTrue();
        assertThat(job.await(WAIT)).isEqualTo(key + " after 2");
        assertThat(dead.size()).isZero();

        Job<Void> boom = spool.enqueue(TestTasks.BOOM, NOW, "x");
        assertThatThrownBy(() -> boom.await(WAIT)).isInstanceOf(JobFailedException.class);
        assertThat(dead.delete(boom.id())).isTrue();
        assertThat(boom.status()).isEqualTo(JobStatus.MISSING);
    }
}
