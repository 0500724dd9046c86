package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of every job in the worker's hands, every third of the lease duration, one
 * call per queue. It has a thread of its own ({@code spool-leases-<n>}) with nothing else on it,
 * so renewal never waits behind a timeout, a failure being written or maintenance (as BullMQ's
 * lock manager runs apart from its worker).
 */
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WorkerConfig config;
    private final Map<String, InFlight> inFlight;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-leases", THREADS));

    LeaseKeeper(WorkerConfig config, Map<String, InFlight> inFlight) {
        this.config = config;
        this.inFlight = inFlight;
    }

    void start() {
        long every = Math.max(1, config.leaseDuration().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Renews every unsettled job's lease; a lost lease is logged (the run's result will be refused). */
    void renew() {
        for (Map.Entry<QueueKeys, List<InFlight>> entry : InFlight.byQueue(inFlight.values(), f -> !f.settled()).entrySet()) {
            List<InFlight> jobs = entry.getValue();
            try {
                List<Boolean> renewed = config.core().broker().renew(entry.getKey(), InFlight.leases(jobs),
                        config.leaseDuration().toMillis());
                for (int i = 0; i < jobs.size(); i++) {
                    InFlight f = jobs.get(i);
                    if (!renewed.get(i) && !f.settled()) {
                        log.warn("Lost the lease of job {} ({}); another worker may run it, this run's result will be dropped",
                                LogText.id(f.job.id()), LogText.name(Payload.taskOf(f.job.payload())));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew {} lease(s) in queue {}: {}", jobs.size(), entry.getKey().queue(), e.getMessage());
            }
        }
    }
}
