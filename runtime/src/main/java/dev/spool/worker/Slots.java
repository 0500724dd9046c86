package dev.spool.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many jobs a worker holds, and the finished results waiting to be written: the one place
 * where the {@link Fetcher}, the task threads and the {@link Acker} meet, under one short lock.
 * The fetcher and the acker are woken only when what they wait for happens, not once per job.
 * Nothing here talks to Redis, and no Redis call is ever made while the lock is held.
 */
final class Slots {

    /** Results are written together with others, up to this many per call. */
    static final int ACK_BATCH = 256;
    /**
     * How long a finished job's result may wait to be written together with others (and with the
     * next fetch) while the worker is busy. An idle worker writes results at once.
     */
    static final long ACK_LINGER_NANOS = 1_000_000;
    /** How long the fetcher waits for more free room under a backlog before fetching a smaller batch. */
    static final long FETCH_LINGER_NANOS = 1_000_000;

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition fetcherWake = lock.newCondition();
    private final Condition ackerWake = lock.newCondition();
    private int inHand;
    private List<InFlight> pendingAcks = new ArrayList<>();
    private long oldestAckNanos;
    private boolean fetcherIdle = true;
    private boolean fetching = true;
    private boolean acksStopped;
    /** The free room the waiting fetcher needs to go on; {@code Integer.MAX_VALUE} when it does not wait. */
    private int fetcherWants = Integer.MAX_VALUE;
    /** Whether the acker waits for a first pending result. */
    private boolean ackerWaiting;

    Slots(int limit) {
        this.limit = limit;
    }

    /**
     * What the fetcher may do next: carry these results and lease up to {@code want} jobs (the
     * room is reserved; give back what was not fetched with {@link #release}).
     */
    record Turn(List<InFlight> acks, int want) {}

    /**
     * Waits until there is room to fetch: at least {@code threshold} free slots, or any free slot
     * once {@link #FETCH_LINGER_NANOS} have passed. Null once fetching stopped.
     */
    Turn awaitTurn(int threshold) throws InterruptedException {
        lock.lock();
        try {
            long lingerEnd = 0;
            while (true) {
                if (!fetching) {
                    return null;
                }
                int room = limit - inHand + pendingAcks.size();
                if (room >= threshold) {
                    break;
                }
                if (room > 0) {
                    long now = System.nanoTime();
                    if (lingerEnd == 0) {
                        lingerEnd = now + FETCH_LINGER_NANOS;
                    }
                    long left = lingerEnd - now;
                    if (left <= 0) {
                        break;
                    }
                    fetcherWants = threshold;
                    fetcherWake.awaitNanos(left);
                } else {
                    lingerEnd = 0;
                    fetcherWants = 1;
                    fetcherWake.await();
                }
                fetcherWants = Integer.MAX_VALUE;
            }
            fetcherWants = Integer.MAX_VALUE;
            List<InFlight> acks = takeAcks();
            int want = limit - inHand + acks.size();
            inHand += want;
            return new Turn(acks, want);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves every free slot for a fetch that carries no results (those stay for the acker), or
     * returns 0 when none is free or fetching stopped; give back what was not fetched with {@link #release}.
     */
    int reserveFree() {
        lock.lock();
        try {
            int free = fetching ? limit - inHand : 0;
            if (free > 0) {
                inHand += free;
            }
            return Math.max(0, free);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the fetcher may still fetch. */
    boolean fetching() {
        lock.lock();
        try {
            return fetching;
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching for good and wakes the fetcher. */
    void stopFetching() {
        lock.lock();
        try {
            fetching = false;
            fetcherWake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the slots of jobs that are done with (or were never fetched). */
    void release(int jobs) {
        if (jobs > 0) {
            lock.lock();
            try {
                inHand -= jobs;
                roomChanged();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Gives back the slot of one job, once. */
    void release(InFlight f) {
        if (f.release()) {
            release(1);
        }
    }

    /** A job succeeded: its result waits for the next fetch or the acker. Its slot counts as free. */
    void addAck(InFlight f) {
        lock.lock();
        try {
            if (pendingAcks.isEmpty()) {
                oldestAckNanos = System.nanoTime();
                if (ackerWaiting) {
                    ackerWaiting = false;
                    ackerWake.signal();
                }
            }
            pendingAcks.add(f);
            if (pendingAcks.size() == ACK_BATCH) {
                ackerWake.signal();
            }
            roomChanged();
        } finally {
            lock.unlock();
        }
    }

    /** The fetcher blocks on Redis (idle) or works again; an idle fetcher carries no results, so the acker writes them. */
    void fetcherIdle(boolean idle) {
        lock.lock();
        try {
            if (fetcherIdle != idle) {
                fetcherIdle = idle;
                if (idle) {
                    ackerWake.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for results the fetcher will not carry: at once while the fetcher is idle, else after
     * {@link #ACK_LINGER_NANOS} or when a batch is full. Null once acks stopped and none is left.
     */
    List<InFlight> awaitAcks() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (pendingAcks.isEmpty()) {
                    if (acksStopped) {
                        return null;
                    }
                    ackerWaiting = true;
                    ackerWake.await();
                    ackerWaiting = false;
                    continue;
                }
                if (fetcherIdle || acksStopped || pendingAcks.size() >= ACK_BATCH) {
                    return takeAcks();
                }
                long left = oldestAckNanos + ACK_LINGER_NANOS - System.nanoTime();
                if (left <= 0) {
                    return takeAcks();
                }
                ackerWake.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more results will come: the acker writes what is left and ends. */
    void stopAcks() {
        lock.lock();
        try {
            acksStopped = true;
            ackerWake.signal();
        } finally {
            lock.unlock();
        }
    }

    private List<InFlight> takeAcks() {
        List<InFlight> taken = pendingAcks;
        if (taken.isEmpty()) {
            return List.of();
        }
        pendingAcks = new ArrayList<>(Math.max(16, taken.size()));
        return taken;
    }

    /** Wakes the fetcher if it waits for the room there is now (called with the lock held). */
    private void roomChanged() {
        if (limit - inHand + pendingAcks.size() >= fetcherWants) {
            fetcherWants = Integer.MAX_VALUE;
            fetcherWake.signal();
        }
    }
}
