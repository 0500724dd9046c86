package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the jobs in the worker's hands, one call per queue, every third of the
 * reservation: a running job's lease is renewed to the full lease duration when less than two
 * thirds of it is left (so about every third of the lease); a fetched job that waited in the
 * buffer for more than a third of its reservation without starting is withdrawn and handed back
 * ({@link HandBack#stale}), so a worker whose task threads are all busy or stuck does not sit on
 * jobs that others could run. It has a thread of its own ({@code spool-leases-<n>}) with nothing
 * else on it, so renewal never waits behind a timeout, a failure being written or maintenance (as
 * BullMQ's lock manager runs apart from its worker).
 */
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WorkerConfig config;
    private final Map<String, InFlight> inFlight;
    private final HandBack handBack;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-leases", THREADS));

    LeaseKeeper(WorkerConfig config, Map<String, InFlight> inFlight, HandBack handBack) {
        this.config = config;
        this.inFlight = inFlight;
        this.handBack = handBack;
    }

    void start() {
        long every = Math.max(1, config.reservation().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Renews the leases that are due, withdraws stale buffered jobs; a lost lease is logged (the run's result will be refused). */
    void renew() {
        long now = System.nanoTime();
        long lease = config.leaseDuration().toNanos();
        List<InFlight> stale = new ArrayList<>();
        for (InFlight f : inFlight.values()) {
            if (!f.settled() && !f.started() && now - f.leasedAt > config.startWithinNanos() && f.withdraw()) {
                stale.add(f);
            }
        }
        if (!stale.isEmpty()) {
            handBack.stale(stale);
        }
        Map<QueueKeys, List<InFlight>> due = InFlight.byQueue(inFlight.values(),
                f -> !f.settled() && f.started() && f.leasedUntil - now < lease * 2 / 3);
        for (Map.Entry<QueueKeys, List<InFlight>> entry : due.entrySet()) {
            List<InFlight> jobs = entry.getValue();
            try {
                long calledAt = System.nanoTime();
                List<Boolean> renewed = config.core().broker().renew(entry.getKey(), InFlight.leases(jobs),
                        config.leaseDuration().toMillis());
                for (int i = 0; i < jobs.size(); i++) {
                    InFlight f = jobs.get(i);
                    if (renewed.get(i)) {
                        f.leasedUntil = calledAt + lease;
                    } else if (!f.settled()) {
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
