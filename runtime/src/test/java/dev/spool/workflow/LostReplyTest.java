package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.test.ReplyDroppingProxy;
import dev.spool.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A reply lost on the way back from Redis is asked for again, and the repeat is understood. */
class LostReplyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisNamespace redis;
    private ReplyDroppingProxy proxy;
    private Spool producer;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        redis = new RedisNamespace("lost-reply");
        URI uri = URI.create(redis.url);
        proxy = redis.track(new ReplyDroppingProxy(uri.getHost(), uri.getPort()));
        producer = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void aLostCompletionReplyStillFeedsTheChordWithResultsDiscarded() {
        List<Integer> inputs = List.of(1, 2, 3, 4);
        WorkflowJob<Long> chord = Workflow.chordOver(producer, FlowTasks.SQUARE, inputs, x -> new Object[] {x})
                .callback(FlowTasks.COLLECT, redis.namespace).start();
        proxy.dropReplyTo(chord.jobs().get(1).id());
        Spool viaProxy = redis.track(Spool.builder().redisUrl(proxy.url()).namespace(redis.namespace).build());
        redis.track(Worker.builder(viaProxy).taskTables(List.of(new FlowTasks.Table()))
                .queues("members", "callbacks").concurrency(1).keepResults(false).leaseDuration(Duration.ofSeconds(2))
                .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(2)).build().start());

        // The lost reply also carried the next member's lease: that member runs once its lease
        // (2 s here) expires. The completion it carried is recognised on the repeat and passed on,
        // so the callback runs (its own result is discarded, as keepResults(false) says).
        await().atMost(WAIT).until(() -> FlowTasks.COLLECTED_BY_ROUND.containsKey(redis.namespace));
        assertThat(chord.jobs().subList(0, inputs.size())).allMatch(j -> j.status() == JobStatus.MISSING || j.status() == JobStatus.SUCCEEDED);
        assertThat(FlowTasks.COLLECTED_BY_ROUND.get(redis.namespace)).as("the callback ran once").hasValue(1);
        assertThat(proxy.dropped()).as("the completion's reply was swallowed once").isEqualTo(1);
    }
}
