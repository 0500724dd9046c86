package dev.spool.internal;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, whose refusals of a Redis server's certificate say in plain words what
 * was wrong: the host name, the validity dates or the certificate authority. The host name is
 * checked by the JDK (endpoint identification {@code HTTPS} in the socket's parameters, see {@link
 * TlsContext}), after the chain.
 */
final class CheckedTrustManager extends X509ExtendedTrustManager {

    /** A server certificate refused, with a message for people. */
    static final class Refused extends CertificateException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final X509ExtendedTrustManager delegate;
    private final String host;
    private final String server;
    private final boolean checkHostname;

    CheckedTrustManager(X509ExtendedTrustManager delegate, String host, int port, boolean checkHostname) {
        this.delegate = delegate;
        this.host = host;
        this.server = "Redis at " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.checkHostname = checkHostname;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explain(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explain(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explain(e, chain);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private Refused explain(CertificateException e, X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return new Refused("the TLS certificate of " + server + " was not accepted: it sent none", e);
        }
        X509Certificate leaf = chain[0];
        for (int i = 0; i < chain.length; i++) {
            X509Certificate certificate = chain[i];
            String which = i == 0 ? "its certificate (" + names(certificate) + ")"
                    : "the certificate of its authority " + certificate.getSubjectX500Principal().getName();
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException expired) {
                return new Refused("the TLS certificate of " + server + " has expired: " + which + " was valid until "
                        + certificate.getNotAfter().toInstant() + "; renew it on the server", e);
            } catch (CertificateNotYetValidException early) {
                return new Refused("the TLS certificate of " + server + " is not valid yet: " + which + " is valid from "
                        + certificate.getNotBefore().toInstant() + " (is a clock wrong?)", e);
            }
        }
        if (hasCause(e, CertPathBuilderException.class)) {
            return new Refused("the TLS certificate of " + server + " is not trusted: no trusted certificate authority "
                    + "signed it (it is for " + names(leaf) + ", issued by " + leaf.getIssuerX500Principal().getName()
                    + "); trust that authority with TlsOptions.trustPem(...) or TlsOptions.trustStore(...)", e);
        }
        if (checkHostname && !isChainError(e)) {
            return new Refused("the TLS certificate of " + server + " does not match the host name \"" + host + "\": it is for "
                    + names(leaf) + "; connect with a name the certificate lists, or issue one that lists \"" + host + "\"", e);
        }
        return new Refused("the TLS certificate of " + server + " (" + names(leaf) + ") was not accepted: " + e.getMessage(), e);
    }

    /** The subject alternative names ({@code DNS:a, IP:1.2.3.4}), else the subject. */
    static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == 2) {
                        names.add("DNS:" + name.get(1));
                    } else if (type == 7) {
                        names.add("IP:" + name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject
        }
        return names.isEmpty() ? certificate.getSubjectX500Principal().getName() + " (no DNS or IP names)" : String.join(", ", names);
    }

    private static boolean isChainError(CertificateException e) {
        // The JDK reports a bad chain as a ValidatorException (an internal subclass) caused by a
        // CertPath exception; a host name that does not match is a plain CertificateException.
        return e.getClass() != CertificateException.class || hasCause(e, CertPathValidatorException.class);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
