package dev.spool.internal.queue;

import dev.spool.internal.Keys.LockKeys;
import dev.spool.internal.LuaScript;
import dev.spool.internal.Redis.Call;
import java.util.List;

/**
 * Builds the script calls of named locks ({@code acquireLock-2.lua}, {@code renewLock-1.lua},
 * {@code releaseLock-1.lua}); as {@link QueueCalls} does for queues, this is the one place that
 * knows their KEYS and ARGV.
 */
public final class LockCalls {

    private LockCalls() {}

    /** Takes the lock for {@code owner} when nobody holds it. */
    public static Call acquire(LockKeys lock, String owner, long leaseMillis) {
        return new Call(LuaScript.ACQUIRE_LOCK, List.of(lock.held(), lock.fence()),
                List.of(owner, Long.toString(leaseMillis)));
    }

    /** Extends the lease of {@code owner}'s hold with this token. */
    public static Call renew(LockKeys lock, String owner, long token, long leaseMillis) {
        return new Call(LuaScript.RENEW_LOCK, List.of(lock.held()),
                List.of(owner, Long.toString(token), Long.toString(leaseMillis)));
    }

    /** Releases {@code owner}'s hold with this token. */
    public static Call release(LockKeys lock, String owner, long token) {
        return new Call(LuaScript.RELEASE_LOCK, List.of(lock.held()), List.of(owner, Long.toString(token)));
    }
}
