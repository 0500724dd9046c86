package dev.spool;

import dev.spool.internal.Locks;

/**
 * A named lock held in Redis, taken with {@link Spool#lock} or {@link Spool#tryLock} and released
 * by {@link #close()}: use it in try-with-resources.
 *
 * <pre>{@code
 * try (SpoolLock lock = spool.lock("reports", Duration.ofSeconds(30))) {
 *     reportStore.write(report, lock.token());   // the store refuses tokens older than the newest it saw
 * }
 * }</pre>
 *
 * <p>What it guarantees: at most one owner holds a lock at a time <em>as Redis sees it</em>; each
 * hold has a fencing {@linkplain #token() token} larger than every earlier hold's; the lease is
 * renewed every third of its length while held; only the holder can renew or release it, so a late
 * release never frees somebody else's hold; a holder that dies or freezes loses the lock when its
 * lease runs out.
 *
 * <p>What it does not: a process paused longer than the lease (a GC pause, {@code SIGSTOP}, a
 * frozen VM) may still believe it holds the lock after another owner took it. {@link #isHeld()}
 * turns false as soon as the lease can have run out, but a write already under way cannot be
 * stopped; that is what the token is for: a resource that remembers the largest token it has seen
 * and refuses smaller ones is safe. The lock lives on one Redis (or one Cluster slot); it is not
 * Redlock, and a failover that loses the last writes of the old primary can hand the lock out twice.
 */
public final class SpoolLock implements AutoCloseable {

    private final Locks.Held held;

    SpoolLock(Locks.Held held) {
        this.held = held;
    }

    /** The lock's name. */
    public String name() {
        return held.name();
    }

    /** This hold's fencing token: strictly larger than the token of every earlier hold of this lock. */
    public long token() {
        return held.token();
    }

    /**
     * Whether this hold is still certainly the owner's: false once released, once a renewal found
     * the lock taken, or once a full lease has passed since the last confirmed renewal.
     */
    public boolean isHeld() {
        return held.isHeld();
    }

    /** Releases the lock if this hold still owns it; does nothing more when called again. */
    @Override
    public void close() {
        held.release();
    }

    @Override
    public String toString() {
        return "SpoolLock(" + name() + ", token " + token() + (isHeld() ? ", held)" : ", not held)");
    }
}
