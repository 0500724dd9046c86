package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/** A worker that started and stopped with nothing to do leaves no wake-up token behind. */
class CloseLeavesNoSignalTest {

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("closesignal");
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @RepeatedTest(5)
    void closingAnIdleWorkerLeavesNoSignalKey() {
        Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table()))
                .shutdownGrace(Duration.ofSeconds(2)).build().start();
        worker.close();
        assertThat(redis.keys()).noneMatch(key -> key.endsWith(":signal"));
    }
}
