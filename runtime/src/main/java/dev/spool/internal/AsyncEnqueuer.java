package dev.spool.internal;

import dev.spool.SpoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the jobs of {@code Spool.enqueueAsync} on a thread of its own ({@code spool-enqueue},
 * started on first use): it takes every job waiting at that moment (up to 1,000) and writes them
 * in one round trip, batched per queue ({@link SpoolCore#write}), so producers that must not block
 * get bulk enqueue's cost per job under load and one round trip of latency when idle. Closing the
 * client writes what is still waiting first.
 */
final class AsyncEnqueuer {

    private static final int MAX_BATCH = 1000;

    private record Pending(SpoolCore.Prepared job, CompletableFuture<SpoolCore.Prepared> written) {}

    private final SpoolCore core;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    AsyncEnqueuer(SpoolCore core) {
        this.core = core;
        this.thread = new Thread(this::loop, "spool-enqueue");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one job for writing; the future completes with it as written (its id may be new after a clash). */
    CompletableFuture<SpoolCore.Prepared> submit(SpoolCore.Prepared job) {
        CompletableFuture<SpoolCore.Prepared> written = new CompletableFuture<>();
        if (closed) {
            written.completeExceptionally(new IllegalStateException("the Spool client is closed"));
            return written;
        }
        queue.add(new Pending(job, written));
        return written;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<SpoolCore.Prepared> jobs = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            jobs.add(p.job());
        }
        try {
            List<SpoolCore.Prepared> written = core.write(jobs);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).written().complete(written.get(i));
            }
        } catch (RuntimeException e) {
            SpoolException failure = e instanceof SpoolException s ? s : new SpoolException("enqueue failed: " + e.getMessage(), e);
            for (Pending p : batch) {
                p.written().completeExceptionally(failure);
            }
        }
    }

    /** Writes what is waiting (for at most {@code millis}), then stops. */
    void close(long millis) {
        closed = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.written().completeExceptionally(new IllegalStateException("the Spool client was closed before the job was written"));
        }
    }
}
