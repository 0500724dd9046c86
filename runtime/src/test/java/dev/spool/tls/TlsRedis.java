package dev.spool.tls;

import dev.spool.testsupport.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} started by a test, listening only for TLS on a free port of 127.0.0.1, with
 * the certificate and key given, trusting client certificates of one authority. Closing it stops
 * the server. Tests are skipped, with a message, where no {@code redis-server} built with TLS is
 * installed.
 */
final class TlsRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private TlsRedis(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The {@code redis-server} on the PATH (or in /usr/bin, /usr/local/bin), if any. */
    static Optional<Path> binary() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.add("/usr/bin");
        directories.add("/usr/local/bin");
        for (String directory : directories) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a server; {@code clientCa} non-null makes it require client certificates from that
     * authority ({@code tls-auth-clients yes}).
     */
    static TlsRedis start(Path dir, String label, TestCa.Issued server, Path clientCa) throws IOException, InterruptedException {
        Path binary = binary().orElse(null);
        Assumptions.assumeTrue(binary != null, "TLS tests skipped: no redis-server on the PATH or in /usr/bin");
        int port = freePort();
        Path log = dir.resolve(label + "-redis.log");
        Path data = Files.createDirectories(dir.resolve(label + "-data"));
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", "0", "--tls-port", Integer.toString(port), "--bind", "127.0.0.1",
                "--tls-cert-file", server.certificatePem().toString(), "--tls-key-file", server.keyPem().toString(),
                "--tls-auth-clients", clientCa == null ? "no" : "yes",
                "--save", "", "--appendonly", "no", "--dir", data.toString()));
        if (clientCa != null) {
            command.addAll(List.of("--tls-ca-cert-file", clientCa.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TlsRedis redis = new TlsRedis(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(port)) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                Assumptions.assumeFalse(output.contains("tls-port") || output.contains("TLS"),
                        "TLS tests skipped: " + binary + " was built without TLS support:\n" + output);
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n" + output);
            }
            if (System.nanoTime() > deadline) {
                redis.close();
                throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s:\n"
                        + Files.readString(log));
            }
            Thread.sleep(10); // polling for the server's port: there is no event to wait on
        }
        return redis;
    }

    int port() {
        return port;
    }

    /** What the server logged, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
