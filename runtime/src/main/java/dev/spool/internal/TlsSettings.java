package dev.spool.internal;

import java.nio.file.Path;

/**
 * What {@link dev.spool.TlsOptions} holds, for {@link TlsContext}. At most one trust source and at
 * most one client identity are set; {@code null} means the JVM's default.
 *
 * @param trustStore a PKCS#12 or JKS file of trusted certificate authorities, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 * @param trustPem a PEM file of trusted certificate authorities, or {@code null}
 * @param clientKeyStore a PKCS#12 or JKS file with the client's key and certificate, or {@code null}
 * @param clientKeyStorePassword its password (also the key's), or {@code null}
 * @param clientCertificate a PEM file with the client's certificate chain, or {@code null}
 * @param clientKey a PEM file with the client's private key, or {@code null}
 * @param checkHostname whether the server's certificate must name the host of the URL
 */
public record TlsSettings(Path trustStore, char[] trustStorePassword, Path trustPem, Path clientKeyStore,
        char[] clientKeyStorePassword, Path clientCertificate, Path clientKey, boolean checkHostname) {

    /** The JVM's trust store and key store, host name checked. */
    public static final TlsSettings DEFAULTS = new TlsSettings(null, null, null, null, null, null, null, true);

    /** Never shows the passwords. */
    @Override
    public String toString() {
        return "TlsSettings(trustStore=" + trustStore + ", trustPem=" + trustPem + ", clientKeyStore=" + clientKeyStore
                + ", clientCertificate=" + clientCertificate + ", clientKey=" + clientKey
                + ", checkHostname=" + checkHostname + ")";
    }
}
