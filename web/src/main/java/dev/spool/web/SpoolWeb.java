package dev.spool.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TaskTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spool's jobs HTTP API (JSON under {@code /api}) and its dashboard (at {@code /}), served by the
 * JDK's own HTTP server over a {@link Spool} client's public inspection and control API.
 *
 * <pre>{@code
 * SpoolWeb web = SpoolWeb.builder(spool).port(8080).start();   // http://127.0.0.1:8080/
 * }</pre>
 *
 * <p>It binds to 127.0.0.1 unless told otherwise; any other address needs an access token. It
 * enqueues only tasks whose generated task tables are on its class path (or given to the builder).
 * See {@code docs/http-api.md}.
 */
public final class SpoolWeb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolWeb.class);

    /** The default limit of a request body: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String url;

    private SpoolWeb(HttpServer server, ExecutorService threads, String url) {
        this.server = server;
        this.threads = threads;
        this.url = url;
    }

    /** Starts configuring a server over this client. */
    public static Builder builder(Spool spool) {
        return new Builder(spool);
    }

    /** The port it listens on (the one chosen, for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The dashboard's address, such as {@code http://127.0.0.1:8080/}. */
    public String url() {
        return url;
    }

    /** Stops listening, lets requests in progress finish for up to a second, and stops its threads. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SpoolWeb(" + url + ")";
    }

    /** Configures and starts a {@link SpoolWeb}. */
    public static final class Builder {
        private final Spool spool;
        private String bind = "127.0.0.1";
        private int port = 8080;
        private String token;
        private boolean readOnly;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = 32;
        private List<TaskTable> taskTables;

        private Builder(Spool spool) {
            this.spool = Objects.requireNonNull(spool, "spool");
        }

        /** The address to listen on; default 127.0.0.1. Any non-loopback address needs {@link #token}. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port; default 8080, 0 for any free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The access token every API request must carry ({@code Authorization: Bearer <token>}) or log
         * in with once (the dashboard); at least 16 characters.
         */
        public Builder token(String token) {
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("an access token needs at least 16 characters");
            }
            this.token = token;
            return this;
        }

        /** Refuses every state-changing request (enqueue, cancel, pause, retry, delete). */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The largest request body accepted; bigger ones get 413 before they are read. Default 1 MiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How many requests are served at once; default 32. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The tasks it may enqueue; default: every generated task table on the class path. */
        public Builder taskTables(List<? extends TaskTable> tables) {
            this.taskTables = List.copyOf(tables);
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException for a non-loopback address without a token
         * @throws UncheckedIOException if the port cannot be bound
         */
        public SpoolWeb start() {
            InetAddress address;
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown bind address " + bind, e);
            }
            if (!address.isLoopbackAddress() && token == null) {
                throw new IllegalStateException("listening on " + bind + ", beyond this machine, needs an access token"
                        + " (SpoolWeb.Builder.token, or --token-env)");
            }
            Tasks tasks = taskTables == null ? Tasks.onClassPath() : new Tasks(taskTables);
            Guard guard = new Guard(token, readOnly, address);
            Router router = new Router(guard, new JobsApi(spool, tasks, maxBodyBytes), new QueuesApi(spool),
                    new StaticFiles(), maxBodyBytes);
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(address, port), 512);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
            }
            AtomicInteger n = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "spool-web-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(pool);
            server.createContext("/", router::handle);
            server.start();
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress();
            SpoolWeb web = new SpoolWeb(server, pool, "http://" + host + ":" + server.getAddress().getPort() + "/");
            LOG.info("Spool dashboard and API on {} ({} task(s){}{})", web.url(), tasks.all().size(),
                    token == null ? "" : ", access token required", readOnly ? ", read-only" : "");
            return web;
        }
    }

    /** Logs a failure that is the server's fault, never the client's. */
    static void logServerError(HttpExchange exchange, RuntimeException e) {
        if (e instanceof SpoolException) {
            LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.getMessage());
        } else {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        }
    }
}
