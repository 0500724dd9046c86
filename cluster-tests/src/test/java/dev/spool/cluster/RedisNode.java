package dev.spool.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process started by a test on a free port of 127.0.0.1 (a cluster node,
 * a Sentinel master or replica, or a sentinel), with its log and data in a folder of its own.
 * {@link #kill()} is {@code kill -9}.
 */
final class RedisNode implements AutoCloseable {

    private static Path binary;

    final int port;
    final Path dir;
    private final List<String> arguments;
    private Process process;

    private RedisNode(int port, Path dir, List<String> arguments) {
        this.port = port;
        this.dir = dir;
        this.arguments = arguments;
    }

    /**
     * The {@code redis-server} on the PATH (or in /usr/bin, /usr/local/bin); where the machine has
     * none, the 6.2 binary that the {@code embedded-redis} package ships, copied out of its jar.
     */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.add("/usr/bin");
        directories.add("/usr/local/bin");
        for (String directory : directories) {
            Path candidate = directory.isEmpty() ? null : Path.of(directory, "redis-server");
            if (candidate != null && Files.isExecutable(candidate)) {
                return binary = candidate;
            }
        }
        try (InputStream in = RedisNode.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no embedded binary for this machine");
            }
            Path copy = Files.createTempFile("spool-redis-server-", "");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().setExecutable(true);
            copy.toFile().deleteOnExit();
            return binary = copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port on 127.0.0.1 whose cluster bus port (+10000) is free too. */
    static int freePort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + 10000 < 65536) {
                    try (ServerSocket bus = new ServerSocket(port + 10000, 1, java.net.InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port pair found");
    }

    /** Starts a server with these arguments (port, bind, dir and log are added). */
    static RedisNode start(Path parent, String label, int port, boolean tlsPort, List<String> arguments) {
        return start(parent, label, port, tlsPort, arguments, null);
    }

    /** Starts a sentinel with this configuration (port, bind, dir and log are added). */
    static RedisNode sentinel(Path parent, String label, int port, String configuration) {
        return start(parent, label, port, false, List.of("--sentinel"), configuration);
    }

    /** Starts a sentinel that listens on a TLS port only, with these further arguments (TLS files). */
    static RedisNode tlsSentinel(Path parent, String label, int port, String configuration, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("--sentinel"));
        all.addAll(arguments);
        return start(parent, label, port, true, all, configuration);
    }

    private static RedisNode start(Path parent, String label, int port, boolean tlsPort, List<String> arguments,
            String sentinelConfiguration) {
        try {
            Path dir = Files.createDirectories(parent.resolve(label));
            if (sentinelConfiguration != null) {
                Files.writeString(dir.resolve("sentinel.conf"), sentinelConfiguration);
            }
            List<String> all = new ArrayList<>();
            all.addAll(List.of("--bind", "127.0.0.1", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
            if (sentinelConfiguration == null) {
                all.addAll(List.of("--save", "", "--appendonly", "no"));
            }
            all.addAll(tlsPort ? List.of("--port", "0", "--tls-port", Integer.toString(port)) : List.of("--port", Integer.toString(port)));
            all.addAll(arguments);
            RedisNode node = new RedisNode(port, dir, all);
            node.start();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process (again, after {@link #kill()}), waiting until the port accepts connections. */
    synchronized void start() {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        if (arguments.contains("--sentinel")) {
            // a sentinel needs a config file it may rewrite
            Path config = dir.resolve("sentinel.conf");
            try {
                if (!Files.exists(config)) {
                    Files.writeString(config, "");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.add(config.toString());
        }
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server " + command + " exited with " + process.exitValue()
                        + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " did not listen within 10 s:\n" + log());
            }
            sleep(20);
        }
    }

    /** The server's log so far. */
    String log() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stdout.log", "redis.log")) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    out.append(Files.readString(file));
                }
            } catch (IOException e) {
                out.append("(").append(e.getMessage()).append(")");
            }
        }
        return out.toString();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: the process gets no chance to save or hand anything over. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
