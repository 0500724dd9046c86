package dev.spool.worker;

import dev.spool.NonRetryableException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a failed run is worth another try and how long to wait before it: exponential
 * backoff from the worker's {@code retryBackoff}, doubled per attempt, with ±20% jitter, capped
 * at one hour. Whether retries are left is decided in Redis ({@code failJob-3.lua}), from the
 * job's own count.
 */
final class RetryPolicy {

    private static final long MAX_BACKOFF_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final Duration firstBackoff;

    RetryPolicy(Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
    }

    /** The wait before the run after {@code attempt} (from 1). */
    long backoffMillis(int attempt) {
        double base = firstBackoff.toMillis() * Math.pow(2, Math.min(20, Math.max(0, attempt - 1)));
        double jittered = base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return (long) Math.min(jittered, MAX_BACKOFF_MILLIS);
    }

    /**
     * Whether a retry cannot fix this error: it is (or was caused by) a {@link
     * NonRetryableException}, or one of the task's or the call's {@code noRetryFor} types. Types are
     * compared by name, so no class named in a payload is ever loaded.
     */
    static boolean notWorthRetrying(Throwable error, List<Class<? extends Throwable>> perTask, List<String> perCall) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof NonRetryableException) {
                return true;
            }
            for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (perCall.contains(c.getName())) {
                    return true;
                }
                for (Class<? extends Throwable> type : perTask) {
                    if (type == c) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
