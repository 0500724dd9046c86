package dev.spool.bench;

import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The benchmark's own Redis server on a free loopback port ({@code /usr/bin/redis-server} without
 * persistence, else the embedded 6.2 server), and the connection the benchmark reads it with.
 * Every system measured in one run uses this server.
 */
public final class BenchServer implements AutoCloseable {

    private final Process process;
    private final OwnedRedis embedded;
    private final int port;
    private final Jedis admin;
    private long probeCommands;

    private BenchServer(Process process, OwnedRedis embedded, int port) {
        this.process = process;
        this.embedded = embedded;
        this.port = port;
        this.admin = new Jedis("127.0.0.1", port, 60_000);
        if (embedded != null) {
            admin.configSet("appendonly", "no");
        }
    }

    public static BenchServer start() throws Exception {
        Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            OwnedRedis embedded = LocalRedis.startOwn();
            Log.progress("no /usr/bin/redis-server: using the embedded Redis on port " + embedded.port()
                    + " (persistence turned off)");
            return new BenchServer(null, embedded, embedded.port());
        }
        int port = freePort();
        Path dir = Files.createTempDirectory("spool-bench-redis-");
        Process p = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!LocalRedis.answersPing("127.0.0.1", port)) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroy();
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(20);
        }
        Log.progress("started " + binary + " on 127.0.0.1:" + port + " (pid " + p.pid() + ", no persistence)");
        return new BenchServer(p, null, port);
    }

    int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    String version() {
        return field(admin.info("server"), "redis_version");
    }

    /** Empties the benchmark's OWN server (never a shared one: the port is the one started above). */
    void flush() {
        admin.flushAll();
    }

    RedisStats stats() {
        return new RedisStats(admin.info("commandstats"), admin.info("cpu"));
    }

    long usedMemory() throws InterruptedException {
        Thread.sleep(200);
        return Long.parseLong(field(admin.info("memory"), "used_memory"));
    }

    long llen(String key) {
        return admin.llen(key);
    }

    /** What is left in some lists and sorted sets, read in one pipelined round trip. */
    long pending(Probe probe) {
        Pipeline p = admin.pipelined();
        List<Response<Long>> sizes = new ArrayList<>();
        for (String list : probe.lists()) {
            sizes.add(p.llen(list));
        }
        for (String set : probe.sortedSets()) {
            sizes.add(p.zcard(set));
        }
        p.sync();
        probeCommands += probe.commands();
        long left = 0;
        for (Response<Long> r : sizes) {
            left += r.get();
        }
        return left;
    }

    /** Commands sent by {@link #pending} so far: the benchmark's own, to be taken out of per-job counts. */
    long probeCommands() {
        return probeCommands;
    }

    /** Waits (polling every 1 ms) until {@code probe} reads empty. */
    void waitEmpty(Probe probe, long timeoutMinutes) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
        while (pending(probe) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jobs did not drain within " + timeoutMinutes + " minutes: " + probe);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * The keys that hold a queue's unfinished jobs.
     *
     * @param lists keys read with {@code LLEN}
     * @param sortedSets keys read with {@code ZCARD}
     */
    record Probe(List<String> lists, List<String> sortedSets) {
        int commands() {
            return lists.size() + sortedSets.size();
        }
    }

    static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in INFO");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        admin.close();
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
