package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core scenarios on a 6-node Redis Cluster (3 masters, 3 replicas), each queue on another master. */
class ClusterScenarioTest {

    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(dir, 3, null);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void coreScenariosRunOnAClusterWithOneWorkerOnThreeQueuesInThreeSlots() {
        String ns = ClusterTasks.namespaceOnThreeMasters("scn");
        Set<Integer> masters = new HashSet<>();
        for (String queue : ClusterTasks.QUEUES) {
            masters.add(cluster.masterOf("{" + ns + ":" + queue + "}"));
        }
        assertThat(masters).as("the three queues live on three masters").hasSize(3);
        try (Spool spool = Spool.builder().redisUrl(cluster.url(null)).namespace(ns).build();
                Worker worker = Scenarios.worker(spool).start()) {
            assertThat(spool.toString()).contains("redis-cluster://");
            Scenarios.runAll(spool, ns);
            assertThat(spool.queues()).extracting(q -> q.queue()).containsAll(ClusterTasks.QUEUES);
        }
    }
}
