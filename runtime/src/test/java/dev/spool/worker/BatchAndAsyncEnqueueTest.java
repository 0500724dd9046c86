package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.CodecException;
import dev.spool.Job;
import dev.spool.JobBatch;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A batch is checked job by job when added and written in one call per queue; asynchronous
 * enqueue returns at once and batches the jobs that wait together. A server of its own, so that
 * its command counters see this test's commands only.
 */
class BatchAndAsyncEnqueueTest {

    private OwnedRedis server;
    private JedisPooled admin;
    private Spool spool;

    @BeforeEach
    void setUp() {
        server = LocalRedis.startOwn();
        admin = new JedisPooled(server.url());
        spool = Spool.builder().redisUrl(server.url()).namespace("batch").poolSize(8).build();
    }

    @AfterEach
    void tearDown() {
        spool.close();
        admin.close();
        server.close();
    }

    private long calls(String command) {
        String info = SafeEncoder.encode((byte[]) admin.sendCommand(Protocol.Command.INFO, "commandstats"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void aBatchIsCheckedWhenJobsAreAddedAndWrittenInOneScriptCallPerThousandJobs() {
        JobBatch batch = spool.batch();
        List<Job<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            jobs.add(batch.add(TestTasks.ADD, JobOptions.defaults(), i, 1));
        }
        assertThatThrownBy(() -> batch.add(TestTasks.ADD, JobOptions.defaults(), "not a number", 1))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> jobs.get(0).status()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not enqueued yet");
        admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        List<Job<?>> written = batch.enqueue();
        assertThat(calls("evalsha") + calls("eval")).as("script calls for 2,000 jobs").isEqualTo(2);
        assertThat(written).hasSize(2000);
        assertThat(written.get(5)).isSameAs(jobs.get(5));

        try (Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            assertThat(jobs.get(1999).await(Duration.ofSeconds(20))).isEqualTo(2000);
            assertThat(jobs.get(0).await(Duration.ofSeconds(20))).isEqualTo(1);
        }
        assertThatThrownBy(batch::enqueue).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void asynchronousEnqueueReturnsAtOnceAndWritesTheJobsThatWaitTogether() {
        admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        List<CompletableFuture<Job<Integer>>> futures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            futures.add(spool.enqueueAsync(TestTasks.ADD, JobOptions.defaults(), i, 2));
        }
        List<Job<Integer>> jobs = futures.stream().map(CompletableFuture::join).toList();
        assertThat(calls("evalsha") + calls("eval")).as("jobs written one script call each").isLessThan(3000);
        try (Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(4)
                .shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            for (int i = 0; i < jobs.size(); i += 500) {
                assertThat(jobs.get(i).await(Duration.ofSeconds(20))).isEqualTo(i + 2);
            }
        }
        assertThatThrownBy(() -> spool.enqueueAsync(TestTasks.ADD, JobOptions.defaults(), "x", 2))
                .isInstanceOf(CodecException.class);
    }
}
