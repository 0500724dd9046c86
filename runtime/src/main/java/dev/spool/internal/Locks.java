package dev.spool.internal;

import dev.spool.SpoolException;
import dev.spool.internal.Keys.LockKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.LockCalls;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named locks of one client: takes them (waiting with a capped back-off while another owner holds
 * one), renews each held lock every third of its lease on a thread of its own, and releases what
 * is still held when the client closes. See {@code dev.spool.SpoolLock} for what a lock guarantees.
 */
public final class Locks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Locks.class);
    /** The longest pause between two attempts while another owner holds the lock. */
    private static final long MAX_PAUSE_MILLIS = 100;

    private final Broker broker;
    private final Keys keys;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService renewer;

    /** The locks of a client with this broker and namespace. */
    public Locks(Broker broker, Keys keys) {
        this.broker = broker;
        this.keys = keys;
    }

    /**
     * Takes the lock {@code name} for {@code lease}, renewed while held; waits up to {@code wait}
     * ({@code null}: as long as it takes) while another owner holds it.
     *
     * @return the hold, or {@code null} when the wait ran out
     */
    public Held acquire(String name, Duration lease, Duration wait) {
        long leaseMillis = lease.toMillis();
        if (leaseMillis < 10) {
            throw new IllegalArgumentException("a lock's lease must be at least 10 ms, not " + lease);
        }
        LockKeys lock = keys.lock(name);
        String owner = JobIds.next();
        long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        long pause = 2;
        while (true) {
            long sent = System.nanoTime();
            List<?> reply = (List<?>) broker.run(LockCalls.acquire(lock, owner, leaseMillis));
            if ((Long) reply.get(0) == 1L) {
                Held hold = new Held(lock, owner, (Long) reply.get(1), leaseMillis, sent + lease.toNanos());
                held.add(hold);
                hold.renewal = renewer().scheduleWithFixedDelay(hold::renew, leaseMillis / 3, leaseMillis / 3,
                        TimeUnit.MILLISECONDS);
                return hold;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            long otherLease = (Long) reply.get(1);
            long sleep = Math.min(pause, otherLease > 0 ? otherLease : pause);
            sleep = Math.min(sleep + ThreadLocalRandom.current().nextLong(sleep + 1), TimeUnit.NANOSECONDS.toMillis(left) + 1);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            try {
                Thread.sleep(Math.max(1, sleep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpoolException("interrupted while waiting for the lock \"" + name + "\"", e);
            }
        }
    }

    private ScheduledExecutorService renewer() {
        ScheduledExecutorService r = renewer;
        if (r == null) {
            synchronized (this) {
                r = renewer;
                if (r == null) {
                    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread t = new Thread(task, "spool-locks");
                        t.setDaemon(true);
                        return t;
                    });
                    executor.setRemoveOnCancelPolicy(true);
                    renewer = r = executor;
                }
            }
        }
        return r;
    }

    /** Releases every lock still held, then stops renewing. */
    @Override
    public void close() {
        for (Held hold : List.copyOf(held)) {
            try {
                hold.release();
            } catch (RuntimeException e) {
                log.warn("Could not release the lock \"{}\" (token {}) at close; it ends with its lease: {}",
                        hold.lock.name(), hold.token, e.toString());
            }
        }
        ScheduledExecutorService r = renewer;
        if (r != null) {
            r.shutdownNow();
        }
    }

    /** One hold of a lock: its token, and whether it is still this owner's. */
    public final class Held {

        private final LockKeys lock;
        private final String owner;
        private final long token;
        private final long leaseMillis;
        private final long leaseNanos;
        /** Until when (System.nanoTime) the lease is certainly this owner's: the last confirmed renewal's send time plus the lease. */
        private volatile long validUntil;
        private volatile boolean lost;
        private volatile boolean released;
        private volatile ScheduledFuture<?> renewal;

        private Held(LockKeys lock, String owner, long token, long leaseMillis, long validUntil) {
            this.lock = lock;
            this.owner = owner;
            this.token = token;
            this.leaseMillis = leaseMillis;
            this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis);
            this.validUntil = validUntil;
        }

        /** The lock's name. */
        public String name() {
            return lock.name();
        }

        /** The fencing token of this hold. */
        public long token() {
            return token;
        }

        /** Whether the lease is still certainly this owner's (false once released, lost or run out). */
        public boolean isHeld() {
            return !released && !lost && System.nanoTime() - validUntil < 0;
        }

        private void renew() {
            if (released || lost) {
                return;
            }
            long sent = System.nanoTime();
            try {
                if ((Long) broker.run(LockCalls.renew(lock, owner, token, leaseMillis)) == 1L) {
                    validUntil = sent + leaseNanos;
                } else {
                    lost = true;
                    stopRenewing();
                    log.warn("Lost the lock \"{}\" (token {}): its lease ran out before it was renewed", lock.name(), token);
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the lock \"{}\" (token {}); trying again in {} ms: {}", lock.name(), token,
                        leaseMillis / 3, e.toString());
            }
        }

        /** Releases the hold when it is still this owner's; idempotent. */
        public void release() {
            if (released) {
                return;
            }
            released = true;
            stopRenewing();
            if (!lost) {
                broker.run(LockCalls.release(lock, owner, token));
            }
        }

        private void stopRenewing() {
            held.remove(this);
            ScheduledFuture<?> r = renewal;
            if (r != null) {
                r.cancel(false);
            }
        }
    }
}
