package dev.spool.spring;

import dev.spool.worker.Worker;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded worker ({@code spool.worker.enabled=true}): built and started when the application
 * context starts, after every other bean is ready; drained when the context stops, before the
 * {@code Spool} client closes (running jobs get the shutdown grace, then are handed back).
 */
public final class SpoolWorkerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolWorkerLifecycle.class);

    private final Supplier<Worker.Builder> builder;
    private volatile Worker worker;

    SpoolWorkerLifecycle(Supplier<Worker.Builder> builder) {
        this.builder = builder;
    }

    /** The running worker, or null before the start and after the stop. */
    public Worker worker() {
        return worker;
    }

    @Override
    public synchronized void start() {
        if (worker == null) {
            worker = builder.get().build().start();
        }
    }

    @Override
    public synchronized void stop() {
        Worker running = worker;
        worker = null;
        if (running != null && !running.drain()) {
            log.warn("{}: some jobs did not finish within the shutdown grace and were handed back", running);
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Late: the worker starts after the beans its tasks use, and stops before them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
