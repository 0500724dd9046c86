package dev.spool.internal;

import dev.spool.SpoolException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS socket factory and parameters of one client, built from {@link TlsSettings}: the trust
 * managers (wrapped in {@link CheckedTrustManager}), the client key, and endpoint identification
 * ({@code HTTPS}: the certificate must name the URL's host) unless it was turned off.
 *
 * @param socketFactory what Jedis opens TLS sockets with
 * @param parameters what Jedis sets on every socket
 */
public record TlsContext(SSLSocketFactory socketFactory, SSLParameters parameters) {

    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

    /**
     * The TLS context for {@code url}, or {@code null} for a {@code redis://} URL; {@code settings}
     * {@code null} means {@link TlsSettings#DEFAULTS}. Logs a warning if the host name check is off.
     *
     * @throws SpoolException if TLS settings are given for a {@code redis://} URL, or a file is
     *     missing or does not parse
     */
    public static TlsContext forUrl(RedisUrl url, TlsSettings settings) {
        if (!url.tls()) {
            if (settings != null) {
                throw new SpoolException("TLS options are set, but the Redis URL " + url
                        + " is not a TLS URL; use rediss:// to connect over TLS");
            }
            return null;
        }
        TlsSettings tls = settings == null ? TlsSettings.DEFAULTS : settings;
        TlsContext context = create(tls, url);
        if (!tls.checkHostname()) {
            log.warn("TLS HOST NAME CHECK IS OFF for {}: any certificate signed by a trusted authority is accepted, "
                    + "for any host, so whoever holds one can pose as this Redis. Use this only in development "
                    + "(TlsOptions.insecureSkipHostnameCheck())", url);
        }
        return context;
    }

    private static TlsContext create(TlsSettings tls, RedisUrl url) {
        X509ExtendedTrustManager trust = new CheckedTrustManager(trustManager(tls), url.host(), url.port(), tls.checkHostname());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), new TrustManager[] {trust}, null);
            SSLParameters parameters = new SSLParameters();
            if (tls.checkHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            return new TlsContext(context.getSocketFactory(), parameters);
        } catch (GeneralSecurityException e) {
            throw new SpoolException("cannot set up TLS for " + url + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(TlsSettings tls) {
        KeyStore anchors = null; // null: the JVM's (javax.net.ssl.trustStore, else cacerts)
        if (tls.trustStore() != null) {
            anchors = load(tls.trustStore(), tls.trustStorePassword(), "TLS trust store");
        } else if (tls.trustPem() != null) {
            List<X509Certificate> certificates = Pem.certificates(tls.trustPem(), "TLS CA file");
            anchors = emptyStore();
            try {
                for (int i = 0; i < certificates.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, certificates.get(i));
                }
            } catch (GeneralSecurityException e) {
                throw new SpoolException("cannot use the TLS CA file " + tls.trustPem() + ": " + e.getMessage(), e);
            }
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new SpoolException("the JVM offers no X.509 trust manager for TLS");
        } catch (GeneralSecurityException e) {
            String source = tls.trustStore() != null ? "trust store " + tls.trustStore()
                    : tls.trustPem() != null ? "CA file " + tls.trustPem() : "JVM trust store";
            throw new SpoolException("cannot use the TLS " + source + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsSettings tls) throws GeneralSecurityException {
        KeyStore keys;
        char[] password;
        if (tls.clientKeyStore() != null) {
            keys = load(tls.clientKeyStore(), tls.clientKeyStorePassword(), "TLS client key store");
            password = tls.clientKeyStorePassword() == null ? new char[0] : tls.clientKeyStorePassword();
            if (!hasKey(keys)) {
                throw new SpoolException("the TLS client key store " + tls.clientKeyStore() + " holds no private key entry");
            }
        } else if (tls.clientCertificate() != null) {
            List<X509Certificate> chain = Pem.certificates(tls.clientCertificate(), "TLS client certificate file");
            PrivateKey key = Pem.privateKey(tls.clientKey(), "TLS client key file");
            Pem.checkPair(key, chain.get(0), tls.clientKey(), tls.clientCertificate());
            keys = emptyStore();
            password = new char[0];
            keys.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        } else {
            String file = System.getProperty("javax.net.ssl.keyStore");
            if (file == null || file.isBlank() || file.equals("NONE")) {
                return null; // no client certificate
            }
            String given = System.getProperty("javax.net.ssl.keyStorePassword");
            password = given == null ? new char[0] : given.toCharArray();
            keys = load(Path.of(file), given == null ? null : password, "TLS client key store (javax.net.ssl.keyStore)");
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        try {
            factory.init(keys, password);
        } catch (GeneralSecurityException e) {
            throw new SpoolException("cannot use the TLS client key: " + e.getMessage()
                    + " (the key's password must be the key store's)", e);
        }
        return factory.getKeyManagers();
    }

    private static KeyStore load(Path file, char[] password, String what) {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            String reason = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "wrong password" : e.getMessage();
            throw new SpoolException("cannot read the " + what + " " + file + " (PKCS#12 or JKS): " + reason, e);
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new SpoolException("the JVM cannot create a PKCS#12 key store: " + e.getMessage(), e);
        }
    }
}
