package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of a master during 20,000 jobs on three queues of three masters: its replica
 * takes over, producers and workers carry on by themselves, and every acknowledged enqueue runs,
 * except what Redis' asynchronous replication can lose.
 *
 * <p>What is tolerated, exactly: Redis acknowledges a write before its replica has it, so a job
 * whose enqueue the killed master acknowledged in the last moment before its death may be missing
 * on the replica that takes over. Such a job is lost. The test therefore allows lost jobs only on
 * the killed master's queue, and only among those acknowledged within {@link #REPLICATION_WINDOW}
 * before the kill; any other loss fails it. (Leases, fetches and completions that did not reach the
 * replica are not losses: the job is still ready or leased there and runs again, at least once.)
 */
class ClusterFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(ClusterFailoverTest.class);
    static final int JOBS = 20_000;
    static final long REPLICATION_WINDOW = 1000;

    @TempDir
    Path dir;

    @Test
    void killingAMasterDuringARunLosesNoAcknowledgedJobBeyondTheReplicationWindow() throws Exception {
        ClusterTasks.MARKS.clear();
        String ns = ClusterTasks.namespaceOnThreeMasters("fo");
        try (LocalCluster cluster = LocalCluster.start(dir, 3, null);
                Spool spool = Spool.builder().redisUrl(cluster.url(null)).namespace(ns).poolSize(32).build()) {
            int victim = cluster.masterOf("{" + ns + ":beta}");
            List<Worker> workers = new ArrayList<>();
            for (String queue : ClusterTasks.QUEUES) {
                workers.add(Worker.builder(spool).taskTables(List.of(new ClusterTasks.Table())).queues(queue)
                        .concurrency(16).leaseDuration(Duration.ofSeconds(2)).maintenanceInterval(Duration.ofMillis(100))
                        .retryBackoff(Duration.ofMillis(50)).shutdownGrace(Duration.ofSeconds(1)).build().start());
            }
            // tag -> [queue index, ack time in ms]
            Map<String, long[]> acked = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            AtomicLong killedAt = new AtomicLong();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                Thread producer = new Thread(() -> {
                    for (int i; (i = next.getAndIncrement()) < JOBS; ) {
                        String tag = "job-" + i;
                        int q = i % 3;
                        while (true) {
                            try {
                                spool.enqueue(ClusterTasks.MARK, JobOptions.defaults().queue(ClusterTasks.QUEUES.get(q)), tag);
                                acked.put(tag, new long[] {q, System.currentTimeMillis()});
                                break;
                            } catch (RuntimeException e) {
                                refused.incrementAndGet(); // the caller tries again, as an application would
                            }
                        }
                    }
                }, "producer-" + p);
                producer.start();
                producers.add(producer);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= JOBS / 4);
            cluster.nodes.get(victim).kill();
            killedAt.set(System.currentTimeMillis()); // after the process is gone: nothing it acknowledged comes later
            long failoverStart = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> cluster.masterOf("{" + ns + ":beta}") != victim);
            long failoverMillis = (System.nanoTime() - failoverStart) / 1_000_000;
            for (Thread producer : producers) {
                producer.join(120_000);
            }
            assertThat(acked).hasSize(JOBS);
            // every acknowledged job runs, or is one the replication window allows to be lost
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                long missing = acked.keySet().stream().filter(t -> !ClusterTasks.MARKS.containsKey(t)).count();
                return missing == 0 || (missing < 1000 && drained(spool));
            });
            List<String> lost = acked.keySet().stream().filter(t -> !ClusterTasks.MARKS.containsKey(t)).sorted().toList();
            long runTwice = ClusterTasks.MARKS.values().stream().filter(c -> c.get() > 1).count();
            log.info("failover: master {} killed after {} acknowledged enqueues; replica promoted within {} ms; {} enqueue "
                    + "call(s) refused during the failover and tried again; {} job(s) lost; {} job(s) ran more than once",
                    victim, JOBS / 4, failoverMillis, refused.get(), lost.size(), runTwice);
            for (String tag : lost) {
                long[] info = acked.get(tag);
                assertThat(ClusterTasks.QUEUES.get((int) info[0])).as("queue of lost job " + tag).isEqualTo("beta");
                assertThat(killedAt.get() - info[1]).as("ms between the ack of lost job " + tag + " and the kill")
                        .isBetween(0L, REPLICATION_WINDOW);
            }
            for (Worker worker : workers) {
                worker.close();
            }
        }
    }

    /** Nothing is ready, scheduled or leased on any queue any more. */
    private static boolean drained(Spool spool) {
        return spool.queues().stream().allMatch(q -> q.queued() == 0 && q.scheduled() == 0 && q.active() == 0);
    }
}
