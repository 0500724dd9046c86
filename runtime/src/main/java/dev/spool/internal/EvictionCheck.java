package dev.spool.internal;

import dev.spool.internal.queue.Broker;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns loudly when Redis may evict keys: with an eviction policy other than {@code noeviction},
 * Redis may silently drop queued jobs, leases or results under memory pressure. Runs when a
 * client connects (producers too) and, in a worker, every 60 maintenance passes (at most a minute
 * apart); says so once per change of the
 * policy, not at every check. A client logged in as an ACL user other than {@code default} does
 * not ask ({@code CONFIG GET} is outside the ACL rule Spool documents).
 */
public final class EvictionCheck {

    private static final Logger log = LoggerFactory.getLogger(EvictionCheck.class);

    private final Broker broker;
    private final String url;
    private String lastPolicy = "noeviction";
    private boolean unreadableSaid;
    private final String aclUser;

    /** A check of the Redis behind this broker; {@code url} (redacted) names it in the log. */
    public EvictionCheck(Broker broker, String url) {
        this.broker = broker;
        this.url = url;
        // An application's own ACL user is given Spool's commands only (docs/redis-keys.md#acl), so
        // asking would only leave a denied CONFIG GET in Redis' ACL LOG.
        String user = aclUserOf(url);
        this.aclUser = user == null || user.equals("default") ? null : user;
    }

    private static String aclUserOf(String url) {
        try {
            return RedisTopology.parse(url).first().user();
        } catch (RuntimeException e) {
            return null;        // not a Redis URL (an inline client): nothing to ask anyway
        }
    }

    /** Reads the policy and logs a change; never throws. */
    public synchronized void check() {
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
                    + " JobQueue.repair() (spool-worker repair <queue>) re-queues jobs whose queue entry was evicted. ***",
                    url, now);
        } else if (!now.equalsIgnoreCase(lastPolicy)) {
            log.info("Redis at {} has maxmemory-policy=noeviction again", url);
        }
        lastPolicy = now;
    }
}
