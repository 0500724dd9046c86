package dev.spool.cluster;

import dev.spool.testsupport.TestCa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TlsOptions;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on a Redis Cluster: nodes with certificates from an authority made by the test, node to node
 * and replication over TLS too. Every node's certificate is checked, host name included.
 */
class ClusterTlsTest {

    @TempDir
    Path dir;

    @Test
    void scenariosRunOverTlsWithEveryNodesCertificateChecked() {
        TestCa ca = TestCa.create(dir, "cluster");
        String ns = ClusterTasks.namespaceOnThreeMasters("tls");
        try (LocalCluster cluster = LocalCluster.start(dir, 3, new LocalCluster.Tls(ca, -1));
                Spool spool = Spool.builder().redisUrl(cluster.url(null)).tls(TlsOptions.trustPem(ca.caPem()))
                        .namespace(ns).build();
                Worker worker = Scenarios.worker(spool).start()) {
            assertThat(cluster.url(null)).startsWith("rediss-cluster://");
            Scenarios.enqueueAndResults(spool);
            Scenarios.chordAcrossQueues(spool);
            Scenarios.chainAcrossQueues(spool);
        }
    }

    @Test
    void aNodeWhoseCertificateNamesAnotherHostIsRefused() {
        TestCa ca = TestCa.create(dir, "cluster");
        // node 1 is a master; its certificate is for other.example, not 127.0.0.1
        try (LocalCluster cluster = LocalCluster.start(dir, 3, new LocalCluster.Tls(ca, 1))) {
            assertThatThrownBy(() -> Spool.builder().redisUrl(cluster.url(null)).tls(TlsOptions.trustPem(ca.caPem()))
                    .namespace("tls-bad").build().close())
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining("does not match the host name \"127.0.0.1\"")
                    .hasMessageContaining("DNS:other.example");
        }
    }
}
