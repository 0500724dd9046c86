package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a handle from {@code spool.job(queue, id, type)} tells about a job, in every state. */
class ReattachedJobTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("reattached");
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private void startWorker() {
        redis.track(Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                .retryBackoff(Duration.ofMillis(20)).maintenanceInterval(Duration.ofMillis(50))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    private <R> Job<R> reattach(Job<R> job, TypeRef<R> type) {
        return spool.job(job.queue(), job.id(), type);
    }

    @Test
    void taskNameAndAttemptsInEveryState() {
        String key = redis.namespace + "-twice";
        Job<String> flaky = spool.enqueue(TestTasks.FLAKY, JobOptions.defaults(), key, 2);
        Job<Integer> waiting = spool.enqueue(TestTasks.ADD, JobOptions.defaults().dependsOn(flaky), 1, 2);
        Job<String> hopeless = spool.enqueue(TestTasks.FLAKY, JobOptions.defaults().retries(1), key + "-no", 10);
        TypeRef<String> text = TypeRef.of(String.class);

        assertThat(reattach(flaky, text).task()).isEqualTo("Calc.flaky");
        assertThat(reattach(flaky, text).attempts()).isZero();
        assertThat(reattach(waiting, TypeRef.of(Integer.class)).status()).isEqualTo(JobStatus.WAITING);
        assertThat(reattach(waiting, TypeRef.of(Integer.class)).task()).isEqualTo("Calc.add");

        startWorker();
        assertThat(flaky.await(WAIT)).isEqualTo(key + " after 3");
        assertThat(waiting.await(WAIT)).isEqualTo(3);
        assertThatThrownBy(() -> hopeless.await(WAIT)).isInstanceOf(JobFailedException.class);

        // succeeded after two retries: the count of runs is visible, and the name survives the payload
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(reattach(flaky, text).attempts()).isEqualTo(3);
        assertThat(reattach(flaky, text).task()).isEqualTo("Calc.flaky");
        assertThat(reattach(waiting, TypeRef.of(Integer.class)).task()).isEqualTo("Calc.add");
        assertThat(waiting.attempts()).isEqualTo(1);
        // failed for good
        assertThat(reattach(hopeless, text).task()).isEqualTo("Calc.flaky");
        assertThat(reattach(hopeless, text).attempts()).isEqualTo(2);
        assertThat(hopeless.failure().orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aJobThatIsNotThereHasNoNameAndNoAttempts() {
        Job<String> missing = spool.job("default", "0000000000000z", TypeRef.of(String.class));
        assertThat(missing.status()).isEqualTo(JobStatus.MISSING);
        assertThat(missing.task()).isEmpty();
        assertThat(missing.attempts()).isZero();
    }
}
