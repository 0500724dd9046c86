package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Spool;
import dev.spool.annotations.MissedTicks;
import dev.spool.internal.JobIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A one-second schedule served by four worker processes for 30 s, one of them {@code kill -9}ed and
 * replaced midway: every tick fires once, none twice, none lost, as the ledger outside Redis shows.
 */
class ScheduleFaultTest {

    private FaultNamespace world;

    @BeforeEach
    void setUp(TestInfo info) {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private WorkerProcess worker() {
        return world.track(WorkerProcess.start(world.url, world.namespace, world.ledger, 2000, 2, 5));
    }

    /** Tick (ms) to the number of first attempts that ran for it. */
    private Map<Long, Integer> firings() {
        Map<Long, Integer> firings = new TreeMap<>();
        for (Ledger.Entry e : Ledger.read(world.ledger)) {
            if (e.kind().equals("run") && e.key().equals("tick") && e.attempt() == 1) {
                firings.merge(JobIds.createdAtMillis(e.jobId()), 1, Integer::sum);
            }
        }
        return firings;
    }

    @Test
    void fourWorkerProcessesFireEachTickOnceThroughAKillAndARestart() {
        List<WorkerProcess> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(worker());
        }
        Spool spool = world.spool();
        spool.schedules().add("every-second", FaultTasks.WORK, "* * * * * *", "UTC", MissedTicks.FIRE_ONCE, "tick", 0L);

        await().atMost(Duration.ofSeconds(20)).until(() -> !firings().isEmpty());
        long first = firings().keySet().iterator().next();
        await().atMost(Duration.ofSeconds(30)).until(() -> firings().keySet().stream().anyMatch(t -> t >= first + 14_000));
        workers.get(1).kill9();
        workers.add(worker());
        long last = first + 29_000;
        await().atMost(Duration.ofSeconds(40)).until(() -> firings().keySet().stream().anyMatch(t -> t >= last));
        spool.schedules().remove("every-second");

        Map<Long, Integer> window = new TreeMap<>(firings());
        window.keySet().removeIf(t -> t < first || t > last);
        assertThat(window.values()).as("no tick fired twice").allMatch(n -> n == 1);
        List<Long> expected = new ArrayList<>();
        for (long t = first; t <= last; t += 1000) {
            expected.add(t);
        }
        assertThat(window.keySet()).as("30 seconds, 30 firings, none lost").containsExactlyElementsOf(expected);
    }
}
