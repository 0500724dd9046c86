package dev.spool.cluster;

import dev.spool.testsupport.TestCa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TlsOptions;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS under Sentinel: master, replica and sentinels listen on TLS ports only, with certificates
 * from an authority made by the test, and replication and the sentinels' own links use TLS too.
 * The client checks every sentinel's certificate and the master's, host name included.
 */
class SentinelTlsTest {

    @TempDir
    Path dir;

    @Test
    void scenariosRunOverTlsWithTheSentinelsAndTheMastersCertificatesChecked() {
        TestCa ca = TestCa.create(dir, "sentinel");
        List<RedisNode> nodes = new ArrayList<>();
        try {
            String url = start(ca, nodes, -1);
            assertThat(url).startsWith("rediss-sentinel://");
            try (Spool spool = Spool.builder().redisUrl(url).tls(TlsOptions.trustPem(ca.caPem())).namespace("sentinel-tls").build();
                    Worker worker = Scenarios.worker(spool).start()) {
                Scenarios.enqueueAndResults(spool);
                Scenarios.chordAcrossQueues(spool);
            }
        } finally {
            nodes.forEach(RedisNode::close);
        }
    }

    @Test
    void aSentinelWhoseCertificateNamesAnotherHostIsRefused() {
        TestCa ca = TestCa.create(dir, "sentinel");
        List<RedisNode> nodes = new ArrayList<>();
        try {
            String url = start(ca, nodes, 0); // the only sentinel the URL names holds a certificate for other.example
            String onlyFirst = url.substring(0, url.indexOf(',')) + url.substring(url.lastIndexOf('/'));
            assertThatThrownBy(() -> Spool.builder().redisUrl(onlyFirst).tls(TlsOptions.trustPem(ca.caPem()))
                    .namespace("sentinel-tls-bad").build().close())
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining("does not match the host name \"127.0.0.1\"")
                    .hasMessageContaining("DNS:other.example");
        } finally {
            nodes.forEach(RedisNode::close);
        }
    }

    /** Master, replica and three sentinels on TLS; sentinel {@code wrongHost} gets a certificate for another host. */
    private String start(TestCa ca, List<RedisNode> nodes, int wrongHost) {
        RedisNode master = RedisNode.start(dir, "master", RedisNode.freePort(), true, tls(ca, "master", false));
        nodes.add(master);
        List<String> replicaArguments = new ArrayList<>(tls(ca, "replica", false));
        replicaArguments.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)));
        RedisNode replica = RedisNode.start(dir, "replica", RedisNode.freePort(), true, replicaArguments);
        nodes.add(replica);
        StringBuilder url = new StringBuilder("rediss-sentinel://");
        for (int i = 0; i < 3; i++) {
            int port = RedisNode.freePort();
            nodes.add(RedisNode.tlsSentinel(dir, "sentinel-" + i, port, "sentinel monitor spool 127.0.0.1 " + master.port
                    + " 2\nsentinel down-after-milliseconds spool 1000\n", tls(ca, "sentinel-" + i, i == wrongHost)));
            url.append(i == 0 ? "" : ",").append("127.0.0.1:").append(port);
        }
        return url.append("/spool").toString();
    }

    private static List<String> tls(TestCa ca, String label, boolean wrongHost) {
        TestCa.Issued certificate = wrongHost ? ca.server(label, "DNS:other.example") : ca.server(label, "IP:127.0.0.1");
        return List.of("--tls-replication", "yes", "--tls-auth-clients", "no",
                "--tls-cert-file", certificate.certificatePem().toString(), "--tls-key-file", certificate.keyPem().toString(),
                "--tls-ca-cert-file", ca.caPem().toString());
    }
}
