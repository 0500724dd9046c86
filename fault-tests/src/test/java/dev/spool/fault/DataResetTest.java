package dev.spool.fault;

import dev.spool.testsupport.StderrTap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Redis loses its data (a server this test owns restarts empty, as one without persistence
 * does): the worker names the data reset in one ERROR, the handles of lost jobs say so,
 * and jobs enqueued afterwards run as usual.
 */
class DataResetTest {

    private OwnedRedis server;
    private FaultNamespace world;
    private StderrTap log;

    @BeforeEach
    void setUp(TestInfo info) {
        server = LocalRedis.startOwn();
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase(), server.url());
        log = new StderrTap();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        world.close();
        server.close();
    }

    @Test
    void aDataResetIsNamedOnceAndLostJobsSaySo() {
        Spool producer = world.spool();
        world.worker(world.spool(), 2, Duration.ofSeconds(2));
        List<Job<String>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(producer.enqueue(FaultTasks.WORK, JobOptions.defaults(), "before-" + i, 2_000L));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> world.jedis.zcard(world.queueKey("active")) > 0);

        server.restartEmpty(); // the server is this test's own
        String reset = "was RESET";
        await().atMost(Duration.ofSeconds(10)).until(() -> !log.lines(reset).isEmpty());
        Job<String> lost = queued.get(queued.size() - 1);
        assertThatThrownBy(() -> lost.await(Duration.ofSeconds(5))).isInstanceOf(SpoolException.class)
                .hasMessageContaining("was reset").hasMessageContaining("the job was lost");

        Job<String> after = producer.enqueue(FaultTasks.WORK, JobOptions.defaults(), "after", 0L);
        assertThat(after.await(Duration.ofSeconds(20))).isNotEmpty();
        assertThat(log.lines(reset)).as("one ERROR for one reset").hasSize(1);
        assertThat(log.lines(reset).get(0)).contains("ERROR");
    }
}
