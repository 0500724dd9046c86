package dev.spool.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of Redis for fault tests. Armed with a marker, it lets the next
 * request that contains the marker reach Redis, then closes that client connection instead of
 * passing the reply on: the command ran, its answer is lost. As a black hole it holds every byte
 * in both directions without closing any socket (a network that stops answering), until healed.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicReference<byte[]> marker = new AtomicReference<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;

    /** A proxy on a free loopback port in front of {@code host:port}. */
    public FaultProxy(String host, int port) throws IOException {
        this.upstream = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URL clients use instead of Redis'. */
    public String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Drops the reply to the next request containing {@code text}, once. */
    public void dropReplyTo(String text) {
        marker.set(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Holds every byte from now on (both directions, sockets stay open) until {@link #heal}. */
    public void blackHole() {
        blackHole = true;
    }

    /** Passes bytes again, the held ones first. */
    public void heal() {
        blackHole = false;
    }

    /** How many replies were dropped. */
    public int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket();
                redis.connect(upstream, 2000);
                sockets.add(client);
                sockets.add(redis);
                AtomicReference<Boolean> dropNext = new AtomicReference<>(false);
                pump(client, redis, true, dropNext);
                pump(redis, client, false, dropNext);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests, AtomicReference<Boolean> dropNext) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (blackHole) {
                        Thread.sleep(5);
                    }
                    if (requests) {
                        byte[] m = marker.get();
                        if (m != null && contains(buffer, n, m) && marker.compareAndSet(m, null)) {
                            dropNext.set(true);
                        }
                    } else if (dropNext.get()) {
                        dropped.incrementAndGet();
                        to.close();
                        from.close();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
