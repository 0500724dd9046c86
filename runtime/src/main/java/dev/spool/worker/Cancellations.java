package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells running jobs that an operator cancelled them. The cancel script has already taken the
 * job's lease and written its final state; this part only reads each queue's cancels set (one
 * {@code ZREVRANGE} per queue this worker holds jobs of, every {@link #POLL_MILLIS} ms; none while
 * it holds no job) and marks and interrupts the runs it finds ({@link InFlight#cancel()}). One
 * thread of its own, {@code spool-cancels-<n>}.
 */
final class Cancellations {

    /** How often the cancels sets are read. */
    static final long POLL_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WorkerConfig config;
    private final Map<String, InFlight> inFlight;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-cancels", THREADS));

    Cancellations(WorkerConfig config, Map<String, InFlight> inFlight) {
        this.config = config;
        this.inFlight = inFlight;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    private void poll() {
        if (inFlight.isEmpty()) {
            return;
        }
        for (QueueKeys queue : InFlight.byQueue(inFlight.values(), f -> true).keySet()) {
            try {
                List<String> ids = config.core().operator().cancelledRuns(queue);
                for (String id : ids) {
                    InFlight f = inFlight.get(id);
                    if (f != null && f.job.queue().equals(queue) && !f.control.cancelled()) {
                        log.info("{}: job {} in queue {} was cancelled; interrupting its run", config.name(),
                                LogText.id(id), queue.queue());
                        f.cancel();
                    }
                }
            } catch (RuntimeException e) {
                log.debug("{} could not read the cancels of queue {}: {}", config.name(), queue.queue(), e.getMessage());
            }
        }
    }
}
