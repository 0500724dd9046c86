package dev.spool.tls;

import dev.spool.testsupport.TestCa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS options that cannot work are refused when the client is built, before anything connects. */
class TlsOptionsTest {

    @TempDir
    static Path dir;

    private static TestCa ca;

    @BeforeAll
    static void makeCa() {
        ca = TestCa.create(dir, "options");
    }

    /** Builds a client for a port where nothing listens: these errors must come first. */
    private static Spool build(String url, TlsOptions tls) {
        return Spool.builder().redisUrl(url).tls(tls).build();
    }

    @Test
    void optionsForAPlainUrlAreAnError() {
        assertThatThrownBy(() -> build("redis://127.0.0.1:1", TlsOptions.trustPem(ca.caPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("TLS options are set, but the Redis URL redis://127.0.0.1:1 is not a TLS URL");
    }

    @Test
    void missingAndUnreadableFilesAreNamed() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> build("rediss://localhost:1", TlsOptions.trustPem(missing)))
                .isInstanceOf(SpoolException.class).hasMessageContaining("cannot read the TLS CA file " + missing);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> build("rediss://localhost:1", TlsOptions.trustPem(empty)))
                .isInstanceOf(SpoolException.class).hasMessageContaining("holds no PEM certificate");
        Path store = ca.trustStore();
        assertThatThrownBy(() -> build("rediss://localhost:1", TlsOptions.trustStore(store, "wrong".toCharArray())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("cannot read the TLS trust store " + store).hasMessageContaining("password");
    }

    @Test
    void aClientKeyThatIsNotTheCertificatesIsAnError() {
        TestCa.Issued one = ca.client("one");
        TestCa.Issued two = ca.client("two");
        assertThatThrownBy(() -> build("rediss://localhost:1", TlsOptions.trustPem(ca.caPem()).clientPem(one.certificatePem(), two.keyPem())))
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("the TLS client key " + two.keyPem() + " does not belong to the first certificate in "
                        + one.certificatePem());
    }

    @Test
    void encryptedAndSec1KeysSayHowToConvertThem() throws Exception {
        TestCa.Issued client = ca.client("convert");
        Path encrypted = dir.resolve("encrypted.key");
        TestCa.writePem(encrypted, "ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});
        Path sec1 = dir.resolve("sec1.key");
        TestCa.writePem(sec1, "EC PRIVATE KEY", new byte[] {1, 2, 3});
        for (Path key : new Path[] {encrypted, sec1}) {
            assertThatThrownBy(() -> build("rediss://localhost:1", TlsOptions.trustPem(ca.caPem()).clientPem(client.certificatePem(), key)))
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        }
    }

    @Test
    void toStringShowsNoPasswordAndFlagsTheMissingHostNameCheck() {
        TlsOptions options = TlsOptions.trustStore(Path.of("trust.p12"), "hunter2".toCharArray())
                .clientKeyStore(Path.of("client.p12"), "hunter2".toCharArray());
        assertThat(options.toString()).contains("trust.p12", "client.p12").doesNotContain("hunter2");
        assertThat(options.checksHostname()).isTrue();
        assertThat(options.insecureSkipHostnameCheck().checksHostname()).isFalse();
        assertThat(options.insecureSkipHostnameCheck().toString()).contains("HOST NAME NOT CHECKED");
        assertThat(TlsOptions.defaults().toString()).contains("JVM trust store");
    }
}
