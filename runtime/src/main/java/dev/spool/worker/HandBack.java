package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives jobs back to their queues at shutdown, at once and token-checked, so they run again
 * elsewhere without waiting for their leases to expire: first the leased jobs that never started
 * (the prefetch buffer), then, after the shutdown grace, the runs that did not finish.
 */
final class HandBack {

    private static final Logger log = LoggerFactory.getLogger(HandBack.class);

    private final WorkerConfig config;
    private final Outcomes outcomes;
    private final Map<String, InFlight> inFlight;

    HandBack(WorkerConfig config, Outcomes outcomes, Map<String, InFlight> inFlight) {
        this.config = config;
        this.outcomes = outcomes;
        this.inFlight = inFlight;
    }

    /** Hands back the jobs that waited in the buffer and had not started. */
    void unstarted(List<Runnable> buffered) {
        List<InFlight> jobs = new ArrayList<>(buffered.size());
        for (Runnable r : buffered) {
            if (r instanceof JobRunner.Start start && start.f.withdraw() && start.f.settle()) {
                jobs.add(start.f);
            }
        }
        handBack(jobs, "buffered");
        outcomes.finishAll(jobs);
    }

    /**
     * Hands back jobs withdrawn from the buffer ({@link InFlight#withdraw()}) because their
     * reservation is about to lapse before they could start; they run again at once, here or
     * elsewhere, without counting an attempt.
     */
    void stale(List<InFlight> withdrawn) {
        List<InFlight> jobs = new ArrayList<>(withdrawn.size());
        for (InFlight f : withdrawn) {
            if (f.settle()) {
                jobs.add(f);
            }
        }
        if (!jobs.isEmpty()) {
            handBack(jobs, "buffered, not started within their reservation,");
            outcomes.finishAll(jobs);
        }
    }

    /** Hands back every run still in the worker's hands; returns how many. */
    int unfinished() {
        List<InFlight> jobs = new ArrayList<>();
        for (InFlight f : inFlight.values()) {
            if (f.settle()) {
                jobs.add(f);
            }
        }
        handBack(jobs, "unfinished");
        return jobs.size();
    }

    private void handBack(List<InFlight> jobs, String what) {
        for (Map.Entry<QueueKeys, List<InFlight>> entry : Outcomes.byQueue(jobs).entrySet()) {
            int n = entry.getValue().size();
            try {
                config.core().broker().handBack(entry.getKey(), InFlight.leases(entry.getValue()));
                log.info("{} handed {} {} job(s) back to queue {}", config.name(), n, what, entry.getKey().queue());
            } catch (RuntimeException e) {
                log.warn("Could not hand back {} job(s) to queue {}; they return when their leases expire: {}",
                        n, entry.getKey().queue(), e.getMessage());
            }
        }
    }
}
