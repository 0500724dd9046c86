package dev.spool.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the worker's heartbeat, as Sidekiq's process set does: every {@link #INTERVAL_SECONDS} s
 * its description (host, pid, queues, concurrency, jobs in hand, start time) into a hash of its
 * own that expires after {@link #TTL_SECONDS} s, and its id into the namespace's worker set
 * ({@code beatWorker-2.lua}); removed when it stops. A worker that dies drops out of
 * {@code Spool.workers()} when its hash expires. One thread of its own, {@code spool-heartbeat-<n>}.
 */
final class Heartbeat {

    /** How often the heartbeat is written. */
    static final long INTERVAL_SECONDS = 5;
    /** How long a heartbeat counts. */
    static final long TTL_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WorkerConfig config;
    private final IntSupplier inHand;
    private final String host;
    private final long started = System.currentTimeMillis();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-heartbeat", THREADS));

    Heartbeat(WorkerConfig config, IntSupplier inHand, String host) {
        this.config = config;
        this.inHand = inHand;
        this.host = host;
    }

    /** This machine's name, from {@code HOSTNAME} or {@code COMPUTERNAME}; {@code localhost} if neither is set. */
    static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        return host == null || host.isBlank() ? "localhost" : host.trim();
    }

    void start() {
        thread.scheduleWithFixedDelay(this::beat, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops beating and removes the heartbeat. */
    void stop() {
        thread.shutdownNow();
        try {
            config.core().operator().beat(config.name(), 0, Map.of());
        } catch (RuntimeException e) {
            log.debug("{} could not remove its heartbeat (it expires in {} s): {}", config.name(), TTL_SECONDS,
                    e.getMessage());
        }
    }

    private void beat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("host", host);
        fields.put("pid", Long.toString(ProcessHandle.current().pid()));
        fields.put("queues", String.join(",", config.queues().stream().map(q -> q.queue()).toList()));
        fields.put("concurrency", Integer.toString(config.concurrency()));
        fields.put("inHand", Integer.toString(inHand.getAsInt()));
        fields.put("started", Long.toString(started));
        try {
            config.core().operator().beat(config.name(), TTL_SECONDS, fields);
        } catch (RuntimeException e) {
            log.debug("{} could not write its heartbeat: {}", config.name(), e.getMessage());
        }
    }
}
