package dev.spool.worker;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the results that the {@link Fetcher} does not carry on its next fetch: at once while the
 * fetcher is idle (blocked on the signal lists), else after a short linger or when a batch is
 * full. One thread of its own, {@code spool-acker-<n>}.
 */
final class Acker {

    private static final Logger log = LoggerFactory.getLogger(Acker.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Slots slots;
    private final Outcomes outcomes;
    private final Thread thread;

    Acker(Slots slots, Outcomes outcomes) {
        this.slots = slots;
        this.outcomes = outcomes;
        this.thread = new Thread(this::loop, "spool-acker-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                List<InFlight> batch = slots.awaitAcks();
                if (batch == null) {
                    return;
                }
                outcomes.writeAcks(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The acker stopped on an unexpected error", e);
        }
    }

    /** Writes what is left and waits (up to {@code millis}) for the thread to end. */
    void stop(long millis) {
        slots.stopAcks();
        Threads.join(thread, millis);
    }
}
