package dev.spool.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run tasks ({@code spool-worker-<n>}), {@code concurrency} of them, with the
 * prefetch buffer as their queue: platform threads, or virtual threads when the worker was built
 * with {@link Worker.Builder#virtualThreads(boolean)} (the pool then bounds how many jobs run at
 * once, as it does for platform threads; each job runs on one of its virtual threads). A thread whose task outlived its timeout and ignores the
 * interrupt is replaced at once ({@link #replace()}), so the job's slot runs other jobs again;
 * when the stuck thread finally returns, the pool shrinks back ({@link #retire()}).
 */
final class TaskThreads {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int concurrency;
    private final LinkedBlockingQueue<Runnable> buffer = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor pool;
    private int extra;

    TaskThreads(int concurrency, boolean virtual) {
        this.concurrency = concurrency;
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, buffer,
                virtual ? VirtualThreads.named("spool-worker", THREADS) : Threads.named("spool-worker", THREADS));
    }

    void execute(Runnable job) {
        pool.execute(job);
    }

    /** One more thread, standing in for one that is held by a timed-out task. */
    synchronized void replace() {
        extra++;
        pool.setMaximumPoolSize(concurrency + extra);
        pool.setCorePoolSize(concurrency + extra);
    }

    /** A replaced thread returned: one thread fewer again. */
    synchronized void retire() {
        extra--;
        pool.setCorePoolSize(concurrency + extra);
        pool.setMaximumPoolSize(concurrency + extra);
    }

    /** Takes the jobs that wait in the buffer and have not started. */
    List<Runnable> drainUnstarted() {
        List<Runnable> unstarted = new ArrayList<>();
        buffer.drainTo(unstarted);
        return unstarted;
    }

    void shutdown() {
        pool.shutdown();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    void shutdownNow() {
        pool.shutdownNow();
    }
}
