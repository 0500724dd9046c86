package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.QueueCounts;
import dev.spool.Spool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause, resume and cancel while two worker processes work through 10,000 jobs: the paused queue
 * stops being fetched everywhere, cancelled jobs never run or are interrupted, and no other job is
 * lost or run twice.
 */
class OperateUnderLoadTest {

    private static final Logger log = LoggerFactory.getLogger(OperateUnderLoadTest.class);
    private static final int JOBS = 10_000;
    /** Jobs 25, 75, ..., 975 sleep 30 s: about ten are running when the queue is paused, never all 16 slots. */
    private static final int LONG_EVERY = 50;
    private static final int LONG_RUNS = 20;

    private static boolean isLong(int index) {
        return index % LONG_EVERY == LONG_EVERY / 2 && index < LONG_EVERY * LONG_RUNS;
    }

    private FaultNamespace world;
    private Spool spool;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo info) {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = world.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    @Test
    void pauseResumeAndCancelUnderLoadLoseNoOtherJob() {
        List<String> keys = new ArrayList<>(JOBS);
        List<Object[]> arguments = new ArrayList<>(JOBS);
        for (int i = 0; i < JOBS; i++) {
            keys.add("k-" + i);
            arguments.add(new Object[] {"k-" + i, isLong(i) ? 30_000L : 2L}); // long runs to cancel while they run
        }
        List<Job<String>> jobs = spool.enqueueAll(FaultTasks.WORK, JobOptions.defaults(), arguments);
        Map<String, String> keyById = new java.util.HashMap<>();
        for (int i = 0; i < JOBS; i++) {
            keyById.put(jobs.get(i).id(), keys.get(i));
        }
        JobQueue queue = spool.queue("fault");
        world.process(10_000, 8, 5);
        world.process(10_000, 8, 5);

        await().atMost(Duration.ofSeconds(30)).until(() -> LedgerCheck.of(world.ledger, keys).runs() > 500);
        queue.pause();
        long pausedAt = System.nanoTime();
        // Within a second no worker leases anything more: the active count drains to the long runs.
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.counts().active() <= 16);
        long queuedWhilePaused = queue.counts().queued();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> queue.counts().queued() == queuedWhilePaused);
        assertThat(queuedWhilePaused).isPositive();
        log.info("paused with {} queued; fetching stopped and the count held for 1.5 s ({} ms after the pause)",
                queuedWhilePaused, (System.nanoTime() - pausedAt) / 1_000_000);

        // Cancel 200 queued jobs from the head of the queue and every long run that is running.
        List<JobInfo> queuedPage = queue.jobs(JobStatus.QUEUED, 0, 200);
        Set<String> cancelledQueued = new HashSet<>();
        for (JobInfo j : queuedPage) {
            assertThat(queue.cancel(j.id()).outcome()).isEqualTo(Cancellation.Outcome.CANCELLED);
            cancelledQueued.add(keyById.get(j.id()));
        }
        Set<String> cancelledRunning = new HashSet<>();
        for (JobInfo j : queue.jobs(JobStatus.ACTIVE, 0, 100)) {
            if (isLong(keys.indexOf(keyById.get(j.id())))) {
                assertThat(jobs.get(keys.indexOf(keyById.get(j.id()))).cancel().outcome())
                        .isEqualTo(Cancellation.Outcome.CANCELLED_RUNNING);
                cancelledRunning.add(keyById.get(j.id()));
            }
        }
        assertThat(cancelledRunning).as("long runs running at the pause").isNotEmpty();
        queue.resume();

        Set<String> cancelled = new HashSet<>(cancelledQueued);
        cancelled.addAll(cancelledRunning);
        Map<String, Job<String>> jobByKey = new java.util.HashMap<>();
        for (int i = 0; i < JOBS; i++) {
            jobByKey.put(keys.get(i), jobs.get(i));
        }
        // Long runs that were not running at the cancel would take 30 s: cancel them now too.
        for (int i = 0; i < JOBS; i++) {
            if (isLong(i) && !cancelled.contains(keys.get(i))) {
                Cancellation c = jobs.get(i).cancel();
                if (c.cancelled()) {
                    cancelled.add(keys.get(i));
                }
            }
        }
        List<String> expected = keys.stream().filter(k -> !cancelled.contains(k)).toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> queue.counts().pending() == 0);

        LedgerCheck check = LedgerCheck.of(world.ledger, expected);
        assertThat(check.lost()).isEmpty();
        assertThat(check.duplicated()).isEmpty();
        Map<String, Long> runsByKey = Ledger.read(world.ledger).stream().filter(e -> e.kind().equals("run"))
                .collect(Collectors.groupingBy(Ledger.Entry::key, Collectors.counting()));
        assertThat(cancelledQueued).noneMatch(runsByKey::containsKey); // cancelled while queued: never ran
        assertThat(cancelledRunning).allSatisfy(k -> assertThat(jobByKey.get(k).status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(expected).allSatisfy(k -> assertThat(jobByKey.get(k).status()).isEqualTo(JobStatus.SUCCEEDED));
        QueueCounts counts = queue.counts();
        assertThat(counts.dead()).isZero();
        assertThat(counts.succeeded()).isEqualTo(expected.size());
        log.info("10,000 jobs on 2 worker processes: {} cancelled while queued, {} while running, {} succeeded once each",
                cancelledQueued.size(), cancelledRunning.size(), expected.size());
    }
}
