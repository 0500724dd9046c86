package dev.spool.localredis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A Redis server started by Spool's own code on a loopback port, from the binaries that the
 * {@code embedded-redis} package ships. It keeps an append-only file in a temporary folder, so a
 * stop and start keeps what was acknowledged, as a production Redis with persistence would.
 */
public final class OwnedRedis implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private RedisServer server;

    OwnedRedis(int port) {
        this.port = port;
        try {
            this.dataDir = Files.createTempDirectory("spool-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's URL, {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Starts the server (again, after {@link #stop()}), waiting until it accepts commands. */
    public synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDir)
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Redis on port " + port, e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!LocalRedis.answersPing("127.0.0.1", port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis on port " + port + " did not answer within 10 s");
            }
            sleep(20);
        }
    }

    /** Stops the server; its data stays on disk for the next {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop Redis on port " + port, e);
        } finally {
            server = null;
        }
    }

    /**
     * Stops the server, deletes its data files and starts it again on the same port: a restart that
     * comes back empty, as a server without persistence (or with lost disks) does.
     */
    public synchronized void restartEmpty() {
        stop();
        try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!file.equals(dataDir)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the data of Redis on port " + port, e);
        }
        start();
    }

    /** Stops the server for good. */
    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
    }
}
