package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.JobOptions;
import dev.spool.QueueCounts;
import dev.spool.Spool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs per second end to end with three worker processes, one per queue, on one Redis and on a
 * 3-master cluster without replicas (each queue on its own master), in the same run on the same
 * machine. The jobs
 * are enqueued while the queues are paused, then the queues are resumed and the time until every
 * job succeeded is measured. The figures go to the log and to {@code target/throughput.txt}.
 */
class ThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(ThroughputTest.class);
    static final int PER_QUEUE = Integer.getInteger("spool.throughputJobs", 6_000);

    @TempDir
    Path dir;

    @Test
    void threeWorkerProcessesOnOneRedisAndOnAClusterOfThreeMasters() throws Exception {
        double single;
        try (RedisNode redis = RedisNode.start(dir, "single", RedisNode.freePort(), false, List.of())) {
            single = run("redis://127.0.0.1:" + redis.port, "tp-single");
        }
        double cluster;
        // masters only: what sharding gains (a replica per master would double Redis' work on this one machine)
        try (LocalCluster nodes = LocalCluster.start(dir, 3, false, null)) {
            cluster = run(nodes.url(null), ClusterTasks.namespaceOnThreeMasters("tp"));
        }
        String line = String.format(java.util.Locale.ROOT,
                "throughput, 3 worker processes x 16 threads, %d jobs: one Redis %.0f jobs/s, 3-master cluster %.0f jobs/s, ratio %.2f (load average %.1f on %d cores)%n",
                3 * PER_QUEUE, single, cluster, cluster / single,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        log.info(line.trim());
        Files.writeString(Path.of("target", "throughput.txt"), line);
        assertThat(single).isPositive();
        assertThat(cluster).isPositive();
    }

    private double run(String url, String ns) throws Exception {
        try (Spool spool = Spool.builder().redisUrl(url).namespace(ns).poolSize(32).build()) {
            for (String queue : ClusterTasks.QUEUES) {
                spool.queue(queue).pause();
                List<Object[]> args = IntStream.range(0, PER_QUEUE).mapToObj(i -> new Object[] {i, 1}).toList();
                for (int from = 0; from < args.size(); from += 1000) {
                    spool.enqueueAll(ClusterTasks.ADD, JobOptions.defaults().queue(queue), args.subList(from, Math.min(args.size(), from + 1000)));
                }
            }
            List<Process> workers = new ArrayList<>();
            try {
                for (String queue : ClusterTasks.QUEUES) {
                    workers.add(worker(url, ns, queue));
                }
                long start = System.nanoTime();
                for (String queue : ClusterTasks.QUEUES) {
                    spool.queue(queue).resume();
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> spool.queues().stream().mapToLong(QueueCounts::succeeded).sum() == 3L * PER_QUEUE);
                double seconds = (System.nanoTime() - start) / 1e9;
                return 3 * PER_QUEUE / seconds;
            } finally {
                for (Process worker : workers) {
                    worker.getOutputStream().close();
                }
                for (Process worker : workers) {
                    if (!worker.waitFor(20, TimeUnit.SECONDS)) {
                        worker.destroyForcibly();
                    }
                }
            }
        }
    }

    private Process worker(String url, String ns, String queue) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("worker-" + ns + "-" + queue + ".log");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, ThroughputWorkerMain.class.getName(),
                url, ns, queue, "16").redirectError(out.toFile()).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertThat(first).as("worker start; its log:\n" + (Files.exists(out) ? Files.readString(out) : "")).isEqualTo("ready");
        return process;
    }
}
