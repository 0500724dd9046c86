package dev.spool.worker;

import dev.spool.internal.RedisTopology;
import dev.spool.internal.SpoolCore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns loudly when Redis may evict keys: with an eviction policy other than {@code noeviction},
 * Redis may silently drop queued jobs, leases or results under memory pressure. Says so once per
 * change of the policy, not at every check. A worker logged in as an ACL user other than
 * {@code default} does not ask ({@code CONFIG GET} is outside the ACL rule Spool documents).
 */
final class EvictionCheck {

    private static final Logger log = LoggerFactory.getLogger(EvictionCheck.class);

    private final SpoolCore core;
    private String lastPolicy = "noeviction";
    private boolean unreadableSaid;
    private final String aclUser;

    EvictionCheck(SpoolCore core) {
        this.core = core;
        String user = RedisTopology.parse(core.url()).first().user();
        // An application's own ACL user is given Spool's commands only (docs/redis-keys.md#acl), so
        // asking would only leave a denied CONFIG GET in Redis' ACL LOG.
        this.aclUser = user == null || user.equals("default") ? null : user;
    }

    void check() {
        if (aclUser != null) {
            if (!unreadableSaid) {
                unreadableSaid = true;
                log.info("Not checking Redis' maxmemory-policy: ACL user {} needs no CONFIG GET (which can read "
                        + "secrets) for Spool; make sure the policy is noeviction", aclUser);
            }
            return;
        }
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
