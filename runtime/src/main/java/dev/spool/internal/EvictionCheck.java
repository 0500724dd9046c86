package dev.spool.internal;

import dev.spool.internal.queue.Broker;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns loudly when Redis may evict keys: with an eviction policy other than {@code noeviction},
 * Redis may silently drop queued jobs, leases or results under memory pressure. Runs when a
 * client connects (producers too) and, in a worker, every minute; says so once per change of the
 * policy, not at every check.
 */
public final class EvictionCheck {

    private static final Logger log = LoggerFactory.getLogger(EvictionCheck.class);

    private final Broker broker;
    private final String url;
    private String lastPolicy = "noeviction";
    private boolean unreadableSaid;

    /** A check of the Redis behind this broker; {@code url} (redacted) names it in the log. */
    public EvictionCheck(Broker broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    /** Reads the policy and logs a change; never throws. */
    public synchronized void check() {
        Optional<String> policy;
        try {
            policy = broker.evictionPolicy();
        } catch (RuntimeException e) {
            if (!unreadableSaid) {
                unreadableSaid = true;
                log.info("Could not read Redis' maxmemory-policy (CONFIG GET may be disabled); make sure it is noeviction: {}",
                        e.getMessage());
            }
            return;
        }
        String now = policy.orElse(lastPolicy);
        if (!now.equalsIgnoreCase(lastPolicy) && !now.equalsIgnoreCase("noeviction")) {
            log.warn("*** Redis at {} has maxmemory-policy={}: under memory pressure it EVICTS KEYS, which loses"
                    + " queued jobs, leases and results without a trace. Set maxmemory-policy noeviction for Spool;"
                    + " JobQueue.repair() re-queues jobs whose queue entry was evicted. ***", url, now);
        } else if (!now.equalsIgnoreCase(lastPolicy)) {
            log.info("Redis at {} has maxmemory-policy=noeviction again", url);
        }
        lastPolicy = now;
    }
}
