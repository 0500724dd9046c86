package dev.spool.cluster;

import dev.spool.testsupport.TestCa;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of real {@code redis-server} processes on 127.0.0.1: {@code masters} masters
 * with the 16,384 slots split evenly, each with one replica. It is formed with plain cluster
 * commands ({@code CLUSTER ADDSLOTS}, {@code MEET}, {@code REPLICATE}), so no {@code redis-cli} is
 * needed. Nodes time out after 1 s, so a killed master's replica takes over within a few seconds.
 */
final class LocalCluster implements AutoCloseable {

    /** TLS for a cluster: the authority, and which node gets a certificate for another host (-1: none). */
    record Tls(TestCa ca, int wrongHostNode) {}

    final List<RedisNode> nodes = new ArrayList<>();
    final int masters;
    private final Tls tls;
    /** Node ids by index. */
    private final List<String> ids = new ArrayList<>();

    private final boolean replicas;

    private LocalCluster(int masters, boolean replicas, Tls tls) {
        this.masters = masters;
        this.replicas = replicas;
        this.tls = tls;
    }

    /** Starts and forms a cluster of {@code masters} masters and as many replicas. */
    static LocalCluster start(Path dir, int masters, Tls tls) {
        return start(dir, masters, true, tls);
    }

    /** Starts and forms a cluster of {@code masters} masters, each with one replica if {@code replicas}. */
    static LocalCluster start(Path dir, int masters, boolean replicas, Tls tls) {
        LocalCluster cluster = new LocalCluster(masters, replicas, tls);
        try {
            cluster.form(dir);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void form(Path dir) {
        for (int i = 0; i < (replicas ? 2 : 1) * masters; i++) {
            List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                    "--cluster-replica-validity-factor", "0"));
            if (tls != null) {
                TestCa.Issued certificate = i == tls.wrongHostNode()
                        ? tls.ca().server("node-" + i, "DNS:other.example") : tls.ca().server("node-" + i, "IP:127.0.0.1");
                args.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes", "--tls-auth-clients", "no",
                        "--tls-cert-file", certificate.certificatePem().toString(),
                        "--tls-key-file", certificate.keyPem().toString(),
                        "--tls-ca-cert-file", tls.ca().caPem().toString()));
            }
            nodes.add(RedisNode.start(dir, "node-" + i, RedisNode.freePort(), tls != null, args));
        }
        for (int i = 0; i < nodes.size(); i++) {
            try (Jedis node = admin(i)) {
                ids.add(node.clusterMyId());
            }
        }
        for (int m = 0; m < masters; m++) {
            int from = 16384 * m / masters;
            int to = 16384 * (m + 1) / masters;
            int[] slots = new int[to - from];
            for (int s = from; s < to; s++) {
                slots[s - from] = s;
            }
            try (Jedis node = admin(m)) {
                node.clusterAddSlots(slots);
            }
        }
        try (Jedis first = admin(0)) {
            for (int i = 1; i < nodes.size(); i++) {
                first.clusterMeet("127.0.0.1", nodes.get(i).port);
            }
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < nodes.size(); i++) {
                try (Jedis node = admin(i)) {
                    String known = node.clusterNodes();
                    if (known.lines().count() != nodes.size() || known.contains("handshake") || known.contains("noaddr")) {
                        return false;
                    }
                }
            }
            return true;
        });
        for (int r = masters; r < nodes.size(); r++) {
            try (Jedis replica = admin(r)) {
                replica.clusterReplicate(ids.get(r - masters));
            }
        }
        awaitHealthy(Duration.ofSeconds(30));
    }

    /** Waits until every live node says the cluster is ok and every live replica is in sync. */
    void awaitHealthy(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < nodes.size(); i++) {
                if (!nodes.get(i).alive()) {
                    continue;
                }
                try (Jedis node = admin(i)) {
                    if (!node.clusterInfo().contains("cluster_state:ok")) {
                        return false;
                    }
                    String replication = node.info("replication");
                    if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** An administrative connection to node {@code i} (TLS without host name check where TLS is on). */
    Jedis admin(int i) {
        return new Jedis(new HostAndPort("127.0.0.1", nodes.get(i).port), adminConfig());
    }

    JedisClientConfig adminConfig() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().timeoutMillis(5000);
        if (tls != null) {
            config.ssl(true).sslSocketFactory(trusting(tls.ca()));
        }
        return config.build();
    }

    static SSLSocketFactory trusting(TestCa ca) {
        try {
            KeyStore store = KeyStore.getInstance(ca.trustStore().toFile(), TestCa.PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spool's URL for this cluster: every master as a seed. */
    String url(String userInfo) {
        StringBuilder url = new StringBuilder(tls != null ? "rediss-cluster://" : "redis-cluster://");
        if (userInfo != null) {
            url.append(userInfo).append('@');
        }
        for (int m = 0; m < masters; m++) {
            url.append(m == 0 ? "" : ",").append("127.0.0.1:").append(nodes.get(m).port);
        }
        return url.toString();
    }

    /** The index of the node that serves this key's slot now (as node 0, or the first live node, sees it). */
    int masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).alive()) {
                continue;
            }
            try (Jedis node = admin(i)) {
                for (String line : node.clusterNodes().split("\n")) {
                    String[] f = line.split(" ");
                    if (!f[2].contains("master") || f[2].contains("fail")) {
                        continue;
                    }
                    for (int k = 8; k < f.length; k++) {
                        String[] range = f[k].split("-");
                        int from = Integer.parseInt(range[0]);
                        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                        if (slot >= from && slot <= to) {
                            return ids.indexOf(f[0]);
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no live master serves slot " + slot);
    }

    /** A queue name in namespace {@code ns} whose keys live on the initial master {@code m}. */
    String queueOnMaster(String ns, String prefix, int m) {
        int from = 16384 * m / masters;
        int to = 16384 * (m + 1) / masters;
        for (int i = 0; ; i++) {
            String queue = prefix + i;
            int slot = JedisClusterCRC16.getSlot("{" + ns + ":" + queue + "}");
            if (slot >= from && slot < to) {
                return queue;
            }
        }
    }

    @Override
    public void close() {
        for (RedisNode node : nodes) {
            node.close();
        }
    }
}
