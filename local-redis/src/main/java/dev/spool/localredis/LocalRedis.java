package dev.spool.localredis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Redis server for Spool's tests, demo and benchmark, in this order:
 *
 * <ol>
 *   <li>the {@code REDIS_URL} environment variable, if set;
 *   <li>a Redis already answering on {@code 127.0.0.1:6379};
 *   <li>an embedded Redis server (6.2, shipped inside a Maven Central package), started once per
 *       JVM on a free loopback port and stopped when the JVM exits.
 * </ol>
 *
 * <p>Code that shares a server with others must keep to its own namespace ({@link
 * #freshNamespace(String)}) and must never flush the server.
 */
public final class LocalRedis {

    private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 6379;

    private static String sharedUrl;
    private static OwnedRedis embedded;

    private LocalRedis() {}

    /** The URL of the Redis to use; starts the embedded server the first time it is needed. */
    public static synchronized String url() {
        if (sharedUrl == null) {
            sharedUrl = resolve();
        }
        return sharedUrl;
    }

    /** A namespace no other run uses, such as {@code spooltest-chords-5f3a9c1e}. */
    public static String freshNamespace(String label) {
        return "spooltest-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts a Redis server owned by the caller, on a free loopback port, for code that stops or
     * restarts Redis. Closing it stops the server.
     */
    public static OwnedRedis startOwn() {
        OwnedRedis server = new OwnedRedis(freePort());
        server.start();
        return server;
    }

    private static String resolve() {
        String fromEnvironment = System.getenv("REDIS_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            log.info("Using Redis from REDIS_URL: {}", redact(fromEnvironment));
            return fromEnvironment.trim();
        }
        if (answersPing(DEFAULT_HOST, DEFAULT_PORT)) {
            log.info("Using the Redis on {}:{}", DEFAULT_HOST, DEFAULT_PORT);
            return "redis://" + DEFAULT_HOST + ":" + DEFAULT_PORT;
        }
        log.info("No REDIS_URL and nothing on {}:{}; starting an embedded Redis", DEFAULT_HOST, DEFAULT_PORT);
        embedded = startOwn();
        OwnedRedis server = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "spool-embedded-redis-stop"));
        return server.url();
    }

    /** Whether a Redis server answers {@code PING} at this address within a second. */
    public static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return read >= 5 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//([^@/]*)@", "//***@");
    }
}
