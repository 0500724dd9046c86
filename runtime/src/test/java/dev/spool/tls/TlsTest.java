package dev.spool.tls;

import dev.spool.testsupport.TestCa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TlsOptions;
import dev.spool.localredis.LocalRedis;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against real TLS Redis servers started here, with certificates from a test
 * authority: the server's certificate must be signed by a trusted authority, be valid now, and
 * name the URL's host; mutual TLS shows the client certificate given to the builder.
 */
class TlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static TestCa ca;
    private static TestCa otherCa;
    private static TlsRedis good;      // DNS:localhost
    private static TlsRedis wrongName; // DNS:wrong.example
    private static TlsRedis expired;   // DNS:localhost, expired an hour ago
    private static TlsRedis mutual;    // DNS:localhost, requires client certificates of ca
    private static final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        ca = TestCa.create(dir, "spool-test");
        otherCa = TestCa.create(dir, "other");
        good = started(TlsRedis.start(dir, "good", ca.server("good", "DNS:localhost"), null));
        wrongName = started(TlsRedis.start(dir, "wrong", ca.server("wrong", "DNS:wrong.example"), null));
        expired = started(TlsRedis.start(dir, "expired", ca.expiredServer("expired", "DNS:localhost"), null));
        mutual = started(TlsRedis.start(dir, "mutual", ca.server("mutual", "DNS:localhost"), ca.caPem()));
    }

    private static TlsRedis started(TlsRedis redis) {
        servers.add(redis);
        return redis;
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private static Spool connect(String host, TlsRedis server, TlsOptions tls) {
        Spool.Builder builder = Spool.builder().redisUrl("rediss://" + host + ":" + server.port())
                .namespace(LocalRedis.freshNamespace("tls")).timeout(Duration.ofSeconds(3));
        return (tls == null ? builder : builder.tls(tls)).build();
    }

    /** Enqueues one job and reads its status back: a round trip over the connection. */
    private static void assertWorks(Spool spool) {
        try (spool) {
            Job<Integer> job = spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 2, 3);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        }
    }

    @Test
    void theRightHostConnectsWithACaFileOrATrustStoreOfEitherType() {
        assertWorks(connect("localhost", good, TlsOptions.trustPem(ca.caPem())));
        assertWorks(connect("localhost", good, TlsOptions.trustStore(ca.trustStore(), TestCa.PASSWORD)));
        assertWorks(connect("localhost", good, TlsOptions.trustStore(ca.trustStore("JKS"), TestCa.PASSWORD)));
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        assertThatThrownBy(() -> connect("localhost", wrongName, TlsOptions.trustPem(ca.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("Redis at localhost:" + wrongName.port())
                .hasMessageContaining("does not match the host name \"localhost\"")
                .hasMessageContaining("it is for DNS:wrong.example");
    }

    @Test
    void aCertificateForLocalhostIsRefusedForItsAddress() {
        assertThatThrownBy(() -> connect("127.0.0.1", good, TlsOptions.trustPem(ca.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("Redis at 127.0.0.1:" + good.port())
                .hasMessageContaining("does not match the host name \"127.0.0.1\"")
                .hasMessageContaining("it is for DNS:localhost");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        assertThatThrownBy(() -> connect("localhost", expired, TlsOptions.trustPem(ca.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("the TLS certificate of Redis at localhost:" + expired.port() + " has expired")
                .hasMessageContaining("was valid until");
    }

    @Test
    void aCertificateOfAnUnknownAuthorityIsRefused() {
        assertThatThrownBy(() -> connect("localhost", good, TlsOptions.trustPem(otherCa.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("the TLS certificate of Redis at localhost:" + good.port() + " is not trusted")
                .hasMessageContaining("issued by CN=spool-test");
        // rediss:// with no options trusts the JVM's authorities only, which do not include the test one
        assertThatThrownBy(() -> connect("localhost", good, null))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("is not trusted");
    }

    @Test
    void mutualTlsShowsTheClientCertificateOfTheBuilder() {
        TestCa.Issued client = ca.client("client");
        assertWorks(connect("localhost", mutual, TlsOptions.trustPem(ca.caPem()).clientPem(client.certificatePem(), client.keyPem())));
        assertWorks(connect("localhost", mutual, TlsOptions.trustPem(ca.caPem()).clientKeyStore(client.keyStore(), TestCa.PASSWORD)));
        TestCa.Issued rsa = ca.rsaClient("rsa-client"); // BEGIN RSA PRIVATE KEY
        assertWorks(connect("localhost", mutual, TlsOptions.trustPem(ca.caPem()).clientPem(rsa.certificatePem(), rsa.keyPem())));
    }

    @Test
    void withoutOptionsTheJvmTrustStoreAndKeyStorePropertiesAreUsed() {
        TestCa.Issued client = ca.client("jvm-client");
        String[] properties = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.keyStore", "javax.net.ssl.keyStorePassword"};
        String[] values = {ca.trustStore().toString(), new String(TestCa.PASSWORD), client.keyStore().toString(),
            new String(TestCa.PASSWORD)};
        try {
            for (int i = 0; i < properties.length; i++) {
                System.setProperty(properties[i], values[i]);
            }
            assertWorks(connect("localhost", mutual, null));
            assertThatThrownBy(() -> connect("127.0.0.1", mutual, null)) // the host name is still checked
                    .isInstanceOf(SpoolException.class).hasMessageContaining("does not match the host name \"127.0.0.1\"");
        } finally {
            for (String property : properties) {
                System.clearProperty(property);
            }
        }
    }

    @Test
    void aWorkerRunsJobsOverMutualTls() throws Exception {
        TestCa.Issued client = ca.client("worker");
        try (Spool spool = connect("localhost", mutual, TlsOptions.trustPem(ca.caPem()).clientPem(client.certificatePem(), client.keyPem()));
                Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).concurrency(2)
                        .shutdownGrace(Duration.ofSeconds(2)).build().start()) {
            assertThat(spool.enqueue(TestTasks.ADD, JobOptions.defaults(), 20, 22).await(WAIT)).isEqualTo(42);
        }
    }

    @Test
    void mutualTlsWithoutAnAcceptedClientCertificateIsRefused() {
        assertThatThrownBy(() -> connect("localhost", mutual, TlsOptions.trustPem(ca.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("Redis at rediss://localhost:" + mutual.port() + " requires a client certificate");
        TestCa.Issued stranger = otherCa.client("stranger");
        assertThatThrownBy(() -> connect("localhost", mutual,
                TlsOptions.trustPem(ca.caPem()).clientPem(stranger.certificatePem(), stranger.keyPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("Redis at rediss://localhost:" + mutual.port() + " refused the client certificate");
    }

    @Test
    void skippingTheHostNameCheckAcceptsAnyNameButStillChecksTheAuthorityAndWarnsOnce() throws Exception {
        String log = stderrOf(() -> {
            try (Spool spool = connect("127.0.0.1", good, TlsOptions.trustPem(ca.caPem()).insecureSkipHostnameCheck())) {
                // many connections at once: the warning is per client, not per connection
                List<CompletableFuture<JobStatus>> statuses = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    statuses.add(CompletableFuture.supplyAsync(
                            () -> spool.enqueue(TestTasks.SLEEP, JobOptions.defaults(), 1L).status()));
                }
                for (CompletableFuture<JobStatus> status : statuses) {
                    assertThat(status.join()).isEqualTo(JobStatus.QUEUED);
                }
            }
        });
        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("TLS HOST NAME CHECK IS OFF")))
                .hasSize(1)
                .allMatch(line -> line.contains("rediss://127.0.0.1:" + good.port()));
        assertThatThrownBy(() -> connect("127.0.0.1", good, TlsOptions.trustPem(otherCa.caPem()).insecureSkipHostnameCheck()))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("is not trusted");
        assertThatThrownBy(() -> connect("localhost", expired, TlsOptions.trustPem(ca.caPem()).insecureSkipHostnameCheck()))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("has expired");
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
