package dev.spool.internal;

import dev.spool.SpoolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Turns a failed connection to a {@code rediss://} server into a {@link SpoolException} that says
 * what went wrong with TLS: the server's certificate (see {@link CheckedTrustManager}), the
 * client's certificate, or a port that does not speak TLS.
 *
 * <p>In TLS 1.3 a server refuses a client certificate after the client has finished its side of
 * the handshake; the client may then see only a broken pipe when it writes its first command. So
 * when the cause is unclear, one probe connection is opened that reads before it writes, and so
 * receives the server's alert.
 */
public final class TlsFailures {

    /** How long the probe waits for the server's alert at least; a busy server may take a while. */
    private static final int PROBE_READ_MILLIS = 2000;

    private TlsFailures() {}

    /**
     * A clearer exception for {@code failure} if TLS caused it, else {@code failure} itself.
     *
     * @param tls the context the connection was made with, or {@code null} for {@code redis://}
     * @param clientCertificate whether a client certificate was configured
     */
    public static RuntimeException explain(RuntimeException failure, RedisUrl url, TlsContext tls, boolean clientCertificate,
            int timeoutMillis) {
        if (tls == null) {
            return failure;
        }
        boolean client = clientCertificate || System.getProperty("javax.net.ssl.keyStore") != null;
        RuntimeException explained = fromChain(failure, failure, url, client);
        if (explained != null && explained != failure) {
            return explained;
        }
        if (explained == failure && !hasCause(failure, IOException.class)) {
            return failure;
        }
        // A broken pipe, a reset or a handshake error without a known alert: ask the server again.
        Throwable probed = probe(url, tls, timeoutMillis);
        RuntimeException fromProbe = probed == null ? null : fromChain(probed, failure, url, client);
        if (fromProbe != null && fromProbe != failure) {
            return fromProbe;
        }
        return explained != null ? failure : handshakeFailed(failure, url);
    }

    private static RuntimeException handshakeFailed(RuntimeException failure, RedisUrl url) {
        String message = failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                message = ssl.getMessage();
                break;
            }
        }
        return new SpoolException("cannot connect over TLS to Redis at " + url + ": the TLS handshake failed: " + message,
                failure);
    }

    /** The explanation the chain gives; {@code failure} when it is not about TLS; null for a TLS error without a known alert. */
    private static RuntimeException fromChain(Throwable cause, RuntimeException failure, RedisUrl url, boolean client) {
        String server = "Redis at " + url;
        SSLException ssl = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CheckedTrustManager.Refused refused) {
                return new SpoolException("cannot connect over TLS: " + refused.getMessage(), failure);
            }
            if (t instanceof ClosedAfterHandshake closed) {
                return new SpoolException("cannot connect over TLS: " + server + (client
                        ? " refused the client certificate; is it signed by an authority in the server's tls-ca-cert-file,"
                                + " and still valid? (" + closed.getMessage() + ")"
                        : " requires a client certificate (tls-auth-clients) and none was given; set one with"
                                + " TlsOptions.clientPem(...) or clientKeyStore(...) (" + closed.getMessage() + ")"), failure);
            }
            if (ssl == null && t instanceof SSLException found) {
                ssl = found;
            }
        }
        if (ssl == null) {
            return failure;
        }
        String message = String.valueOf(ssl.getMessage());
        if (message.contains("certificate_required") || (!client && message.contains("bad_certificate"))) {
            return new SpoolException("cannot connect over TLS: " + server + " requires a client certificate (tls-auth-clients) "
                    + "and none was given; set one with TlsOptions.clientPem(...) or clientKeyStore(...)"
                    + " (" + message + ")", failure);
        }
        if (message.contains("unknown_ca") || message.contains("bad_certificate") || message.contains("certificate_unknown")
                || message.contains("certificate_expired") || message.contains("access_denied")) {
            return new SpoolException("cannot connect over TLS: " + server + " refused the client certificate; is it signed "
                    + "by an authority in the server's tls-ca-cert-file, and still valid? (" + message + ")", failure);
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return new SpoolException("cannot connect over TLS: " + server + " does not speak TLS on this port; "
                    + "use redis:// for a plain port, or the server's tls-port", failure);
        }
        return null; // a handshake error without a known alert
    }

    /** Connects, completes the handshake and reads; returns what failed, or {@code null} if nothing did. */
    private static Throwable probe(RedisUrl url, TlsContext tls, int timeoutMillis) {
        try (Socket plain = connect(url, timeoutMillis)) {
            try (SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket(plain, url.host(), url.port(), false)) {
                socket.setSSLParameters(tls.parameters());
                socket.setSoTimeout(Math.max(timeoutMillis, PROBE_READ_MILLIS));
                socket.startHandshake();
                try {
                    if (socket.getInputStream().read() < 0) { // the server's alert, if it refuses this client
                        return new ClosedAfterHandshake("the server closed the connection right after the handshake", null);
                    }
                } catch (SocketTimeoutException e) {
                    return null; // the server accepted the TLS session and waits for a command
                } catch (SSLException e) {
                    return e;
                } catch (IOException e) {
                    // A busy server's alert can be lost to a reset: it dropped this client once the handshake was done.
                    return new ClosedAfterHandshake("the server dropped the connection right after the handshake: " + e, e);
                }
                return null;
            }
        } catch (SocketTimeoutException e) {
            return null; // the server accepted the TLS session and waits for a command
        } catch (IOException e) {
            return e;
        }
    }

    /** The server ended a probe's connection after a completed handshake, with no alert read. */
    private static final class ClosedAfterHandshake extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedAfterHandshake(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A TCP connection to the first of the host's addresses that accepts one, as Jedis makes it. */
    private static Socket connect(RedisUrl url, int timeoutMillis) throws IOException {
        IOException last = null;
        for (InetAddress address : InetAddress.getAllByName(url.host())) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, url.port()), timeoutMillis);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address for " + url.host());
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
