package dev.spool;

import dev.spool.internal.TlsSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a client connects to Redis over TLS ({@code rediss://} URLs): which certificate authorities
 * to trust, which client certificate to show (for Redis's {@code tls-auth-clients yes}), and
 * whether the server's certificate must name the host of the URL. Immutable; set it with {@link
 * Spool.Builder#tls(TlsOptions)}.
 *
 * <pre>{@code
 * Spool spool = Spool.builder()
 *         .redisUrl("rediss://cache.internal:6380")
 *         .tls(TlsOptions.trustPem(Path.of("/etc/redis/ca.crt"))
 *                 .clientPem(Path.of("/etc/redis/client.crt"), Path.of("/etc/redis/client.key")))
 *         .build();
 * }</pre>
 *
 * <p>The server's certificate chain, its validity dates and its host name are always checked,
 * unless {@link #insecureSkipHostnameCheck()} turns the host name check off. A {@code rediss://}
 * URL without options uses {@link #defaults()}. Files are read when the client is built; a file
 * that is missing or does not parse is a {@link SpoolException} naming it.
 */
public final class TlsOptions {

    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Path trustPem;
    private final Path clientKeyStore;
    private final char[] clientKeyStorePassword;
    private final Path clientCertificate;
    private final Path clientKey;
    private final boolean checkHostname;

    private TlsOptions(Path trustStore, char[] trustStorePassword, Path trustPem, Path clientKeyStore,
            char[] clientKeyStorePassword, Path clientCertificate, Path clientKey, boolean checkHostname) {
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.trustPem = trustPem;
        this.clientKeyStore = clientKeyStore;
        this.clientKeyStorePassword = clientKeyStorePassword;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.checkHostname = checkHostname;
    }

    /**
     * Trusts the JVM's certificate authorities (its {@code cacerts}, or the store named by {@code
     * -Djavax.net.ssl.trustStore}); shows the client key of {@code -Djavax.net.ssl.keyStore} if that
     * is set; checks the host name. What {@code rediss://} uses when no options are set.
     */
    public static TlsOptions defaults() {
        return new TlsOptions(null, null, null, null, null, null, null, true);
    }

    /**
     * Trusts only the certificate authorities in this key store (PKCS#12 or JKS).
     *
     * @param password the store's password, or {@code null} if it has none
     */
    public static TlsOptions trustStore(Path file, char[] password) {
        return new TlsOptions(Objects.requireNonNull(file, "file"), copy(password), null, null, null, null, null, true);
    }

    /**
     * Trusts only the certificate authorities in this PEM file (one or more {@code -----BEGIN
     * CERTIFICATE-----} blocks), like {@code redis-cli --cacert}.
     */
    public static TlsOptions trustPem(Path caCertificates) {
        return new TlsOptions(null, null, Objects.requireNonNull(caCertificates, "caCertificates"), null, null, null, null, true);
    }

    /**
     * These options, showing the client certificate and key of this key store (PKCS#12 or JKS,
     * one key entry, whose key has the store's password).
     */
    public TlsOptions clientKeyStore(Path file, char[] password) {
        return new TlsOptions(trustStore, trustStorePassword, trustPem, Objects.requireNonNull(file, "file"), copy(password),
                null, null, checkHostname);
    }

    /**
     * These options, showing this client certificate (a PEM file: the certificate, then any
     * intermediate ones) and its private key (an unencrypted PEM file, {@code BEGIN PRIVATE KEY} or
     * {@code BEGIN RSA PRIVATE KEY}), like {@code redis-cli --cert --key}.
     */
    public TlsOptions clientPem(Path certificateChain, Path privateKey) {
        return new TlsOptions(trustStore, trustStorePassword, trustPem, null, null,
                Objects.requireNonNull(certificateChain, "certificateChain"), Objects.requireNonNull(privateKey, "privateKey"),
                checkHostname);
    }

    /**
     * These options, accepting a certificate that names another host, for development only: any
     * certificate that a trusted authority signed is accepted for any host, so whoever holds one can
     * pose as your Redis. The chain and the validity dates are still checked. The client logs a
     * warning when it is built.
     */
    public TlsOptions insecureSkipHostnameCheck() {
        return new TlsOptions(trustStore, trustStorePassword, trustPem, clientKeyStore, clientKeyStorePassword,
                clientCertificate, clientKey, false);
    }

    /** Whether the server's certificate must name the URL's host (true unless turned off). */
    public boolean checksHostname() {
        return checkHostname;
    }

    boolean hasClientCertificate() {
        return clientKeyStore != null || clientCertificate != null;
    }

    TlsSettings settings() {
        return new TlsSettings(trustStore, copy(trustStorePassword), trustPem, clientKeyStore, copy(clientKeyStorePassword),
                clientCertificate, clientKey, checkHostname);
    }

    private static char[] copy(char[] password) {
        return password == null ? null : password.clone();
    }

    /** What is trusted and shown, without passwords. */
    @Override
    public String toString() {
        String trust = trustStore != null ? "trust store " + trustStore : trustPem != null ? "CA file " + trustPem : "JVM trust store";
        String client = clientKeyStore != null ? ", client key store " + clientKeyStore
                : clientCertificate != null ? ", client certificate " + clientCertificate : "";
        return "TlsOptions(" + trust + client + (checkHostname ? "" : ", HOST NAME NOT CHECKED") + ")";
    }
}
