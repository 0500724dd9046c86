package dev.spool.worker;

import dev.spool.internal.SpoolCore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns loudly when Redis may evict keys: with an eviction policy other than {@code noeviction},
 * Redis may silently drop queued jobs, leases or results under memory pressure. Says so once per
 * change of the policy, not at every check.
 */
final class EvictionCheck {

    private static final Logger log = LoggerFactory.getLogger(EvictionCheck.class);

    private final SpoolCore core;
    private String lastPolicy = "noeviction";
    private boolean unreadableSaid;

    EvictionCheck(SpoolCore core) {
        this.core = core;
    }

    void check() {
        Optional<String> policy;
        try {
            policy = core.broker().evictionPolicy();
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
                    + " queued jobs, leases and results without a trace. Set maxmemory-policy noeviction for Spool. ***",
                    core.url(), now);
        } else if (!now.equalsIgnoreCase(lastPolicy)) {
            log.info("Redis at {} has maxmemory-policy=noeviction again", core.url());
        }
        lastPolicy = now;
    }
}
