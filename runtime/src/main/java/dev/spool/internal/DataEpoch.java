package dev.spool.internal;

import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace's data epoch: a random value in the key {@code <ns>:{<ns>}:epoch}, written by the
 * first client that connects to an empty namespace. When Redis loses its data (a restart without
 * persistence, {@code FLUSHALL}, a failover to an empty replica, eviction), the key goes with it;
 * a client that knew the old value then knows that everything written before is gone, logs one
 * ERROR naming the data reset, and lets job handles say so, instead of reporting each lost job
 * as "never enqueued".
 */
public final class DataEpoch {

    private static final Logger log = LoggerFactory.getLogger(DataEpoch.class);

    private final Redis redis;
    private final String key;
    private final String url;
    private volatile String known;

    /** The epoch of the namespace behind these keys. */
    public DataEpoch(Redis redis, Keys keys, String url) {
        this.redis = redis;
        this.key = keys.epoch();
        this.url = url;
    }

    /** Joins the namespace's epoch, creating it if there is none; returns it. */
    public String join() {
        String fresh = Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        String current = redis.call(j -> {
            j.setnx(key, fresh);
            return j.get(key);
        });
        known = current;
        return current;
    }

    /** Reads the namespace's epoch without creating one (a client that only reads writes nothing). */
    public void read() {
        known = redis.call(j -> j.get(key));
    }

    /** Joins the epoch before a client's first write (one round trip, once). */
    public void ensure() {
        if (known == null) {
            try {
                join();
            } catch (RuntimeException e) {
                log.debug("Could not join the data epoch of {}: {}", key, e.getMessage()); // the write itself will tell
            }
        }
    }

    /** The epoch this client knows (null before it read or joined one). */
    public String known() {
        return known;
    }

    /**
     * Reads the epoch again; when it is gone or changed since this client last saw it, logs one
     * ERROR, joins the new one and returns true.
     */
    public boolean check() {
        String before = known;
        String now = redis.call(j -> j.get(key));
        if (now != null && now.equals(before)) {
            return false;
        }
        String joined = join();
        if (before != null && !joined.equals(before)) {
            log.error("*** The data of namespace {} in Redis at {} was RESET (its epoch key {} {}): every job,"
                    + " lease and result written before is gone. Redis restarted without persistence, was flushed,"
                    + " failed over to an empty replica, or evicted keys. Jobs enqueued from now on run as usual. ***",
                    keys(), url, key, now == null ? "is gone" : "changed");
            return true;
        }
        return false;
    }

    /** Whether the namespace's data was reset since a client knew {@code epoch} (one read). */
    public boolean resetSince(String epoch) {
        if (epoch == null) {
            return false;
        }
        String now = redis.call(j -> j.get(key));
        return !epoch.equals(now);
    }

    private String keys() {
        return key.substring(0, key.indexOf(":{"));
    }
}
