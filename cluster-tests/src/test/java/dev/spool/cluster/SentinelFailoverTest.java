package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Sentinel: one master, one replica, three sentinels. The master is killed ({@code kill -9})
 * while producers enqueue and workers run; Sentinel promotes the replica, and the clients and the
 * workers find the new master on their own and resume within the failover time plus 5 s. Loss is
 * bounded as on a cluster ({@link ClusterFailoverTest}): only jobs acknowledged within the
 * replication window before the kill may be missing.
 */
class SentinelFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(SentinelFailoverTest.class);

    @TempDir
    Path dir;

    @Test
    void workersFollowTheNewMasterAfterTheMasterIsKilled() throws Exception {
        ClusterTasks.MARKS.clear();
        List<RedisNode> nodes = new ArrayList<>();
        try {
            RedisNode master = RedisNode.start(dir, "master", RedisNode.freePort(), false, List.of());
            nodes.add(master);
            RedisNode replica = RedisNode.start(dir, "replica", RedisNode.freePort(), false,
                    List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)));
            nodes.add(replica);
            List<Integer> sentinelPorts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int port = RedisNode.freePort();
                sentinelPorts.add(port);
                nodes.add(RedisNode.sentinel(dir, "sentinel-" + i, port, "sentinel monitor spool 127.0.0.1 " + master.port + " 2\n"
                        + "sentinel down-after-milliseconds spool 1000\nsentinel failover-timeout spool 10000\n"));
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Jedis r = new Jedis(new HostAndPort("127.0.0.1", replica.port))) {
                    if (!r.info("replication").contains("master_link_status:up")) {
                        return false;
                    }
                }
                for (int port : sentinelPorts) {
                    try (Jedis s = new Jedis(new HostAndPort("127.0.0.1", port))) {
                        String info = s.info("sentinel");
                        if (!info.contains("slaves=1") || !info.contains("sentinels=3")) {
                            return false;
                        }
                    }
                }
                return true;
            });
            StringBuilder url = new StringBuilder("redis-sentinel://");
            for (int i = 0; i < sentinelPorts.size(); i++) {
                url.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sentinelPorts.get(i));
            }
            url.append("/spool");
            try (Spool spool = Spool.builder().redisUrl(url.toString()).namespace("sentinel").build();
                    Worker worker = Worker.builder(spool).taskTables(List.of(new ClusterTasks.Table()))
                            .queues(ClusterTasks.QUEUES).concurrency(8).leaseDuration(Duration.ofSeconds(2))
                            .maintenanceInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(1)).build().start()) {
                Scenarios.enqueueAndResults(spool);
                Map<String, Long> acked = new ConcurrentHashMap<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger refused = new AtomicInteger();
                Thread producer = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String tag = "s-" + i;
                        try {
                            spool.enqueue(ClusterTasks.MARK, JobOptions.defaults(), tag);
                            acked.put(tag, System.currentTimeMillis());
                        } catch (RuntimeException e) {
                            refused.incrementAndGet();
                        }
                    }
                }, "producer");
                producer.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> ClusterTasks.MARKS.size() >= 2000);
                long killedAt = System.currentTimeMillis();
                long kill = System.nanoTime();
                master.kill();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                    try (Jedis s = new Jedis(new HostAndPort("127.0.0.1", sentinelPorts.get(0)))) {
                        return s.sentinelGetMasterAddrByName("spool").get(1).equals(Integer.toString(replica.port));
                    }
                });
                long failoverMillis = (System.nanoTime() - kill) / 1_000_000;
                Job<Integer> probe = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> spool.enqueue(ClusterTasks.ADD, JobOptions.defaults(), 40, 2), j -> true);
                assertThat(probe.await(Duration.ofSeconds(30))).isEqualTo(42);
                long resumedMillis = (System.nanoTime() - kill) / 1_000_000;
                stop.set(true);
                producer.join(30_000);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                        acked.keySet().stream().allMatch(ClusterTasks.MARKS::containsKey)
                                || spool.queues().stream().allMatch(q -> q.queued() == 0 && q.active() == 0 && q.scheduled() == 0));
                List<String> lost = acked.keySet().stream().filter(t -> !ClusterTasks.MARKS.containsKey(t)).toList();
                log.info("sentinel: master killed; sentinel promoted the replica {} ms after the kill; a job enqueued then ran "
                        + "{} ms after the kill; {} enqueues acknowledged, {} refused during the failover; {} lost",
                        failoverMillis, resumedMillis, acked.size(), refused.get(), lost.size());
                assertThat(resumedMillis - failoverMillis).as("resumed within the failover time plus 5 s").isLessThan(5000);
                for (String tag : lost) {
                    assertThat(killedAt - acked.get(tag)).as("ms between the ack of lost job " + tag + " and the kill")
                            .isBetween(0L, ClusterFailoverTest.REPLICATION_WINDOW);
                }
            }
        } finally {
            for (RedisNode node : nodes) {
                node.close();
            }
        }
    }
}
