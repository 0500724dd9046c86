package dev.spool.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of Redis for fault tests. Armed with a marker, it lets the next
 * request that contains the marker reach Redis, then closes that client connection instead of
 * passing the reply on: the command ran, its answer is lost. It can also drop the first reply to
 * each of several requests and let their repeats through ({@link #dropFirstReplyToEach},
 * {@link #dropEveryOtherReplyTo}). As a black hole it holds every byte
 * in both directions without closing any socket (a network that stops answering), until healed.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicReference<byte[]> marker = new AtomicReference<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;
    /** Set by {@link #dropFirstReplyToEach}: a request must contain this and one of {@link #each}. */
    private volatile byte[] common;
    private final Set<String> each = ConcurrentHashMap.newKeySet();
    /** Set by {@link #dropEveryOtherReplyTo}: drops left, and whether the last match's reply was dropped. */
    private int alternateDrops;
    private boolean lastDropped;
    private byte[] alternate;

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

    /**
     * Drops the reply to the first request that contains {@code common} and any of the texts in
     * {@code distinct} not dropped yet; every such text counts as dropped then (a request carrying
     * two of them loses one reply). A repeat of that request, carrying only texts dropped before,
     * passes: each text's first reply is lost once, whatever order the requests come in.
     */
    public void dropFirstReplyToEach(String common, Collection<String> distinct) {
        each.clear();
        each.addAll(distinct);
        this.common = common.getBytes(StandardCharsets.UTF_8);
    }

    /** How many of the texts given to {@link #dropFirstReplyToEach} no reply was dropped for yet. */
    public int undropped() {
        return each.size();
    }

    /**
     * Drops the reply to the next request containing {@code text}, lets the one after it (the
     * repeat, when one client thread sends them) through, and so on until {@code times} replies
     * were dropped.
     */
    public synchronized void dropEveryOtherReplyTo(String text, int times) {
        alternate = text.getBytes(StandardCharsets.UTF_8);
        alternateDrops = times;
        lastDropped = false;
    }

    /** Whether the reply to this request is to be dropped, by {@link #dropFirstReplyToEach} or {@link #dropEveryOtherReplyTo}. */
    private boolean planned(byte[] buffer, int n) {
        byte[] c = common;
        if (c != null && contains(buffer, n, c)) {
            boolean any = false;
            for (String text : each) {
                if (contains(buffer, n, text.getBytes(StandardCharsets.UTF_8)) && each.remove(text)) {
                    any = true;
                }
            }
            if (any) {
                return true;
            }
        }
        synchronized (this) {
            if (alternateDrops == 0 || !contains(buffer, n, alternate)) {
                return false;
            }
            lastDropped = !lastDropped;
            if (lastDropped) {
                alternateDrops--;
            }
            return lastDropped;
        }
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
                        if (m != null && contains(buffer, n, m) && marker.compareAndSet(m, null) || planned(buffer, n)) {
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
