package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Leased;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches jobs and, in the same script call, writes the results of finished jobs: one atomic call
 * per queue acknowledges a batch and leases the next one. Under a backlog it waits (at most
 * {@link Slots#FETCH_LINGER_NANOS}) until half of its room is free, so that calls carry batches;
 * otherwise it fetches as soon as there is room. With nothing to fetch it blocks on the queues'
 * signal lists ({@link SignalWaiter}); on one Redis with one queue the fetch is sent behind that
 * wait on the same connection ({@link #awaitAndFetch}), so a job enqueued to an idle worker is
 * leased in one round trip. A queue whose call fails is backed off on its own (doubling from 100 ms to 5 s)
 * while the others go on. A queue whose rate limit is reached is not asked for jobs until the time
 * the script names (when its window has room again; at most 1 s, so that a changed limit or a stop
 * is seen), and the wait for a signal ends by then; no call is made for it before. One thread of its own, {@code spool-fetcher-<n>}.
 */
final class Fetcher {

    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final WorkerConfig config;
    private final Slots slots;
    private final Outcomes outcomes;
    /** Runs a leased job; the long is when its lease began at the latest (nanoTime before the call). */
    private final ObjLongConsumer<Leased> dispatch;
    /** Hands back jobs leased by a wait that ended after fetching had stopped (never started). */
    private final ObjLongConsumer<List<Leased>> giveBack;
    private final Thread thread;
    private final int fetchBatch;
    private final SignalWaiter signals;
    /** How long a paused queue is left alone before it is asked again (so a resume is seen within this). */
    static final long PAUSE_RECHECK_NANOS = 500_000_000L;
    /** Per paused queue: the time (nanoTime) until which it is not asked for jobs. */
    private final Map<QueueKeys, Long> pausedUntil = new HashMap<>();
    /** Per rate-limited queue: the time (nanoTime) until which its window has no room. */
    private final Map<QueueKeys, Long> limitedUntil = new HashMap<>();
    /** Per queue: consecutive failures and the time (nanoTime) until which it is not asked. */
    private final Map<QueueKeys, long[]> backoff = new HashMap<>();

    Fetcher(WorkerConfig config, Slots slots, Outcomes outcomes, ObjLongConsumer<Leased> dispatch,
            ObjLongConsumer<List<Leased>> giveBack) {
        this.config = config;
        this.slots = slots;
        this.outcomes = outcomes;
        this.dispatch = dispatch;
        this.giveBack = giveBack;
        this.fetchBatch = Math.max(1, config.limit() / 2);
        this.signals = new SignalWaiter(config.core().broker(), config.core().redis().cluster());
        this.thread = new Thread(this::loop, "spool-fetcher-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits (up to {@code millis}) for the loop to end after {@link Slots#stopFetching()}: ends its
     * blocking wait early with a wake-up token, and takes the token back if nobody used it, so a
     * stopped worker leaves no key behind.
     */
    void join(long millis) {
        QueueKeys first = config.queues().get(0);
        try {
            config.core().broker().wake(first);
        } catch (RuntimeException e) {
            log.debug("Could not wake the fetcher: {}", e.getMessage());
        }
        Threads.join(thread, millis);
        try {
            config.core().broker().unwake(first);
        } catch (RuntimeException e) {
            log.debug("Could not take back the wake-up token: {}", e.getMessage());
        }
    }

    private void loop() {
        boolean backlogged = false;
        try {
            while (true) {
                Slots.Turn turn = slots.awaitTurn(backlogged ? fetchBatch : 1);
                if (turn == null) {
                    return;
                }
                int fetched = 0;
                try {
                    fetched = exchange(turn.acks(), turn.want());
                } finally {
                    slots.release(turn.want() - fetched);
                }
                backlogged = fetched == turn.want();
                // Fewer jobs than asked for: the queues were empty when the script ran, and every job
                // made ready since pushed a wake-up token (or the signal list is full), so the wait
                // below returns at once if there is more. No empty fetch on the way to idle. (Only a call
                // that dropped over 100 stale ids can return short with jobs left; they then wait for
                // the next token or the wait's 1 s timeout.)
                if (fetched < turn.want() && slots.fetching()) {
                    slots.fetcherIdle(true);
                    idle();
                }
                slots.fetcherIdle(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: the fetcher stopped on an unexpected error", config.name(), e);
        } finally {
            slots.fetcherIdle(true);
            signals.close();
        }
    }

    /**
     * Waits for work while idle. On one Redis with one open queue, the wait and the next fetch are
     * one round trip ({@link #awaitAndFetch}), repeated for as long as each fetch comes back short
     * (the queue was empty when it ran); otherwise {@link #awaitWork}, and the loop fetches.
     */
    private void idle() {
        int state;
        do {
            state = awaitAndFetch();
        } while (state == SHORT && slots.fetching());
        if (state == NOT_HERE) {
            awaitWork();
        }
    }

    /** Below this, a short reservation would turn the pipelined wait into a busy loop: not used. */
    private static final double MIN_PIPELINED_WAIT_SECONDS = 0.05;

    private static final int NOT_HERE = 0;
    private static final int SHORT = 1;
    private static final int DONE = 2;

    /**
     * The idle wait for a wake-up token and the fetch behind it in one round trip: Redis runs the
     * fetch (every free slot's worth, no results: the idle fetcher's are written by the acker) as
     * soon as the pop returns, so a job enqueued to an idle worker is leased without a reply to the
     * worker and a second call in between. The jobs' local lease clock starts before the wait
     * (their reservation began later), so a buffered one is handed back early rather than late. A
     * fetch that ran after fetching stopped (the stop's wake-up token) hands its jobs back at once.
     *
     * @return {@link #SHORT} when it leased fewer jobs than it asked for, {@link #NOT_HERE} when it
     *     cannot be done (several queues, a cluster, a held queue, no free slot), {@link #DONE} otherwise
     */
    private int awaitAndFetch() {
        if (config.queues().size() != 1 || config.core().redis().cluster()) {
            return NOT_HERE;
        }
        QueueKeys queue = config.queues().get(0);
        long now = System.nanoTime();
        if (backedOff(queue, now) || held(pausedUntil, queue, now) > 0 || held(limitedUntil, queue, now) > 0) {
            return NOT_HERE;
        }
        // The jobs' lease clock starts before the wait, so the wait must end well inside the part
        // of the reservation in which a job may still start: else a job leased at the end of a long
        // wait is already overdue when it reaches a thread, is handed back unrun, and so on.
        double waitSeconds = Math.min(1.0, config.startWithinNanos() / 2 / 1e9);
        if (waitSeconds < MIN_PIPELINED_WAIT_SECONDS) {
            return NOT_HERE;
        }
        int want = slots.reserveFree();
        if (want == 0) {
            return NOT_HERE;
        }
        int kept = 0;
        try {
            long leasedAt = System.nanoTime();
            Broker.Exchange result = config.core().broker().awaitThenFetch(queue, waitSeconds, want,
                    config.reservation().toMillis(), config.name(), config.core().deadTtl().toSeconds());
            if (result == null) {
                return NOT_HERE;
            }
            succeeded(queue);
            if (!slots.fetching()) {
                if (!result.jobs().isEmpty()) {
                    kept = result.jobs().size(); // their slots are given back with them
                    giveBack.accept(result.jobs(), leasedAt);
                }
                return DONE;
            }
            kept = received(queue, result, want, leasedAt);
            return kept < want && !result.paused() && result.limitedMillis() == 0 ? SHORT : DONE;
        } catch (RuntimeException e) {
            failed(queue, e);
            return DONE;
        } finally {
            slots.release(want - kept);
        }
    }

    /** Blocks until a queue signals new work (at most 1 s), or until a backed-off queue may be asked again. */
    private void awaitWork() {
        List<QueueKeys> open = new ArrayList<>(config.queues().size());
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (QueueKeys q : config.queues()) {
            long[] b = backoff.get(q);
            long until = Math.max(held(pausedUntil, q, now), held(limitedUntil, q, now));
            if (until > 0) {
                soonest = Math.min(soonest, until);
            } else if (b == null || b[1] <= now) {
                open.add(q);
            } else {
                soonest = Math.min(soonest, b[1] - now);
            }
        }
        if (open.isEmpty()) {
            Threads.sleep(Math.max(1, soonest / 1_000_000));
            return;
        }
        try {
            // a rate-limited queue's window reopens at a known time: the wait ends by then
            signals.await(open, Math.max(0.001, Math.min(1.0, soonest / 1e9)));
        } catch (RuntimeException e) {
            if (slots.fetching()) {
                log.debug("{} could not wait for a signal: {}", config.name(), e.getMessage());
                Threads.sleep(200);
            }
        }
    }

    /**
     * One script call per queue (priority order): records the results of that queue's finished
     * jobs and leases up to what is still wanted. Results whose call failed are written by the
     * {@link Outcomes} (token-checked, so never twice).
     *
     * @return how many jobs were leased and dispatched
     */
    private int exchange(List<InFlight> acked, int want) {
        Map<QueueKeys, List<InFlight>> byQueue = Outcomes.byQueue(acked);
        Broker broker = config.core().broker();
        List<InFlight> unwritten = new ArrayList<>();
        int fetched = 0;
        long now = System.nanoTime();
        for (QueueKeys queue : config.queueOrder().next()) {
            List<InFlight> done = byQueue.remove(queue);
            int max = slots.fetching() && !backedOff(queue, now) && held(pausedUntil, queue, now) == 0
                    && held(limitedUntil, queue, now) == 0 ? want - fetched : 0;
            if (max == 0 && done == null) {
                continue;
            }
            List<InFlight> jobs = done == null ? List.of() : done;
            try {
                long leasedAt = System.nanoTime();
                Broker.Exchange result = broker.completeAndFetch(queue, outcomes.completions(jobs),
                        config.resultTtlSeconds(), max, config.reservation().toMillis(), config.name(),
                        config.core().deadTtl().toSeconds());
                succeeded(queue);
                fetched += received(queue, result, max, leasedAt);
                if (!jobs.isEmpty()) {
                    outcomes.recorded(queue, jobs, result.recorded()); // after dispatching: deliveries take a round trip
                }
            } catch (RuntimeException e) {
                failed(queue, e);
                unwritten.addAll(jobs);
            }
        }
        byQueue.values().forEach(unwritten::addAll); // results of queues this worker does not fetch from
        if (!unwritten.isEmpty()) {
            outcomes.writeAcks(unwritten);
        }
        return fetched;
    }

    /** Notes a pause or a reached rate limit, logs corrupt entries, dispatches the jobs; returns how many. */
    private int received(QueueKeys queue, Broker.Exchange result, int max, long leasedAt) {
        if (result.paused()) {
            if (pausedUntil.put(queue, System.nanoTime() + PAUSE_RECHECK_NANOS) == null) {
                log.info("{}: queue {} is paused; not fetching from it until it is resumed", config.name(),
                        queue.queue());
            }
        } else if (max > 0 && pausedUntil.remove(queue) != null) {
            log.info("{}: queue {} was resumed; fetching from it again", config.name(), queue.queue());
        }
        if (result.limitedMillis() > 0) { // at most 1 s: a changed limit or a stop is seen by then
            limitedUntil.put(queue, System.nanoTime() + Math.min(1000, result.limitedMillis()) * 1_000_000);
        }
        result.corrupt().forEach((id, reason) -> log.warn(
                "{}: job {} in queue {} is corrupt and was dead-lettered without running: {}",
                config.name(), LogText.id(id), queue.queue(), LogText.escape(reason)));
        for (Leased job : result.jobs()) {
            dispatch.accept(job, leasedAt);
        }
        return result.jobs().size();
    }

    /** How long (nanos) a queue is held by a pause or its rate limit from {@code now}; 0 if it is not. */
    private static long held(Map<QueueKeys, Long> holds, QueueKeys queue, long now) {
        Long until = holds.get(queue);
        return until != null && until - now > 0 ? until - now : 0;
    }

    private boolean backedOff(QueueKeys queue, long now) {
        long[] b = backoff.get(queue);
        return b != null && b[1] > now;
    }

    private void succeeded(QueueKeys queue) {
        if (backoff.remove(queue) != null) {
            log.info("{}: queue {} answers again; fetching from it", config.name(), queue.queue());
        }
    }

    private void failed(QueueKeys queue, RuntimeException e) {
        long[] b = backoff.computeIfAbsent(queue, q -> new long[2]);
        b[0]++;
        long pause = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(6, b[0] - 1));
        b[1] = System.nanoTime() + pause * 1_000_000;
        if (Redis.isOutOfMemory(e)) {
            // a full Redis refuses the fetch whole (nothing is leased that could not be recorded): said once
            if (b[0] == 1) {
                log.warn("{}: Redis is out of memory (maxmemory) and refuses writes: taking no work from queue {} until"
                        + " it accepts writes again (asked again every {} ms or less): {}", config.name(), queue.queue(),
                        MAX_BACKOFF_MILLIS, e.getMessage());
            }
            return;
        }
        log.warn("{} could not fetch from queue {} (failure {} in a row; not asked for {} ms, other queues go on): {}",
                config.name(), queue.queue(), b[0], pause, e.getMessage());
    }
}
