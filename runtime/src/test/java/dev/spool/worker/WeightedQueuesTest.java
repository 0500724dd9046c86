package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Strict queue order serves a busy first queue only; weighted order (Sidekiq's {@code -q high,3
 * -q low,1}) serves the others too, in proportion to their weights.
 */
class WeightedQueuesTest {

    static final TaskDescriptor<Void> HIGH = TaskDescriptor.builder("Pick.high", TypeRef.VOID).queue("high").build();
    static final TaskDescriptor<Void> LOW = TaskDescriptor.builder("Pick.low", TypeRef.VOID).queue("low").build();
    static final List<String> RUNS = Collections.synchronizedList(new ArrayList<>());

    /** The tasks: each notes its queue. */
    public static final class Pick {
        public void high() {
            RUNS.add("high");
        }

        public void low() {
            RUNS.add("low");
        }
    }

    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Pick.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(HIGH, Pick.class, Pick::new, (o, a) -> {
                        o.high();
                        return null;
                    }),
                    TaskEntry.of(LOW, Pick.class, Pick::new, (o, a) -> {
                        o.low();
                        return null;
                    }));
        }
    }

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("weights-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        RUNS.clear();
        List<Object[]> none = Collections.nCopies(300, new Object[0]);
        spool.enqueueAll(HIGH, JobOptions.defaults(), none);
        spool.enqueueAll(LOW, JobOptions.defaults(), none);
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    /** Runs jobs one at a time until 200 ran; the queues of those 200, in order. */
    private List<String> first200(Worker.Builder builder) throws Exception {
        try (Worker worker = builder.taskTables(List.of(new Table())).concurrency(1).prefetch(0)
                .shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.size() >= 200);
        }
        return List.copyOf(RUNS.subList(0, 200));
    }

    @Test
    void strictOrderServesTheFirstQueueWhileItHasJobs() throws Exception {
        List<String> runs = first200(Worker.builder(spool).queues("high", "low"));
        assertThat(runs).containsOnly("high");
    }

    @Test
    void weightedOrderServesEveryQueueInProportion() throws Exception {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("high", 3);
        weights.put("low", 1);
        List<String> runs = first200(Worker.builder(spool).queueWeights(weights));
        long low = runs.stream().filter("low"::equals).count();
        // expected 50 of 200 (a quarter); the bounds are more than five standard deviations out
        assertThat(low).isBetween(15L, 90L);
    }

    @Test
    void theCommandLineTakesWeightsAfterAColonAndRefusesBadOnes() {
        Worker.Builder builder = Worker.builder(spool).taskTables(List.of(new Table()));
        WorkerCommand.queueChoice(builder, List.of("high:3", "low"));
        assertThat(builder.build().queues()).containsExactly("high", "low");
        assertThatThrownBy(() -> WorkerCommand.queueChoice(Worker.builder(spool), List.of("high:x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> WorkerCommand.queueChoice(Worker.builder(spool), List.of("high:0", "low")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 1000");
    }
}
