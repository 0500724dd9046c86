package dev.spool.fault;

import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One fault test's world: a fresh namespace on a Redis (the shared one, or a test-owned server), a
 * ledger directory, and everything to close afterwards (worker processes, in-process workers,
 * clients). Deletes the namespace's keys with SCAN (never KEYS or FLUSH) and the ledger on close.
 */
public final class FaultNamespace implements AutoCloseable {

    public final String url;
    public final String namespace;
    public final Path ledger;
    public final JedisPooled jedis;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public FaultNamespace(String label) {
        this(label, LocalRedis.url());
    }

    public FaultNamespace(String label, String url) {
        this.url = url;
        this.namespace = LocalRedis.freshNamespace(label);
        this.jedis = new JedisPooled(url);
        try {
            this.ledger = Files.createTempDirectory("spool-ledger-" + label + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client in this namespace with a short timeout, closed with this object. */
    public Spool spool() {
        return track(Spool.builder().redisUrl(url).namespace(namespace).poolSize(16).timeout(Duration.ofSeconds(2)).build());
    }

    /** An in-process worker with the suite's short intervals, started; closed with this object. */
    public Worker worker(Spool spool, int concurrency, Duration lease) {
        return worker(Worker.builder(spool).concurrency(concurrency).leaseDuration(lease));
    }

    /** A worker from this builder with the suite's tasks and short intervals, started. */
    public Worker worker(Worker.Builder builder) {
        Ledger.open(ledger, "test-" + ProcessHandle.current().pid());
        return track(builder.taskTables(List.of(new FaultTasks.Table())).queues("fault")
                .maintenanceInterval(Duration.ofMillis(200)).retryBackoff(Duration.ofMillis(50))
                .shutdownGrace(Duration.ofSeconds(1)).build().start());
    }

    /** A worker process serving this namespace. */
    public WorkerProcess process(long leaseMillis, int concurrency, int reclaimLimit) {
        return track(WorkerProcess.start(url, namespace, ledger, leaseMillis, concurrency, reclaimLimit));
    }

    /** Closes this too, before what was tracked earlier. */
    public <T extends AutoCloseable> T track(T closeable) {
        synchronized (closeables) {
            closeables.add(0, closeable);
        }
        return closeable;
    }

    /** The key of a job's record. */
    public String jobKey(String id) {
        return namespace + ":{" + namespace + ":fault}:job:" + id;
    }

    /** A queue key, e.g. {@code dead}. */
    public String queueKey(String type) {
        return namespace + ":{" + namespace + ":fault}:" + type;
    }

    /**
     * Waits until the queue {@code fault} holds nothing to deliver (no flows entry: an entry is
     * removed only after its outcome was delivered) and nothing to run (no job ready, scheduled or
     * leased). Whatever a late delivery would have caused, such as a second release of a chord's
     * callback, has then run and is in the ledger.
     */
    public void awaitNothingLeftToDeliverOrRun(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() ->
                jedis.zcard(queueKey("flows")) == 0 && jedis.llen(queueKey("ready")) == 0 && jedis.hlen(queueKey("wait")) == 0
                        && jedis.zcard(queueKey("due")) == 0 && jedis.zcard(queueKey("active")) == 0);
    }

    /** Whether every job succeeded (one status read each). */
    public static boolean allSucceeded(List<? extends Job<?>> jobs) {
        for (Job<?> job : jobs) {
            if (job.status() != JobStatus.SUCCEEDED) {
                return false;
            }
        }
        return true;
    }

    /** How many of these jobs have succeeded, read in one pipeline. */
    public long succeeded(List<? extends Job<?>> jobs) {
        List<redis.clients.jedis.Response<String>> states = new ArrayList<>(jobs.size());
        try (var pipeline = jedis.pipelined()) {
            for (Job<?> job : jobs) {
                states.add(pipeline.hget(jobKey(job.id()), "s"));
            }
            pipeline.sync();
        }
        return states.stream().filter(r -> "d".equals(r.get())).count();
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> all;
        synchronized (closeables) {
            all = new ArrayList<>(closeables);
        }
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        Ledger.close();
        try {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(namespace + ":*").count(1000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                for (String key : page.getResult()) {
                    jedis.del(key);
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } catch (RuntimeException e) {
            // the server may be gone (test-owned servers)
        }
        jedis.close();
        try (Stream<Path> files = Files.walk(ledger)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
