package dev.spool.worker;

import dev.spool.internal.JobIds;
import dev.spool.internal.Payload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a worker's {@link JobListener}s how runs ended; a listener's exception is logged, never passed on. */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<JobListener> listeners;

    Listeners(List<JobListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tells every listener that run {@code f} ended with {@code outcome}. */
    void finished(InFlight f, JobEvent.Outcome outcome) {
        if (listeners.isEmpty()) {
            return;
        }
        long created = JobIds.createdAtMillis(f.job.id());
        Optional<Duration> wait = f.job.attempt() == 1 && created >= 0
                ? Optional.of(Duration.ofMillis(Math.max(0, f.fetchedAtMillis - created))) : Optional.empty();
        Duration runTime = outcome == JobEvent.Outcome.EXPIRED || f.startedNanos == 0 ? Duration.ZERO
                : Duration.ofNanos(System.nanoTime() - f.startedNanos);
        JobEvent event = new JobEvent(f.job.id(), f.job.queue().queue(), Payload.taskOf(f.job.payload()), outcome,
                f.job.attempt(), runTime, wait);
        for (JobListener listener : listeners) {
            try {
                listener.finished(event);
            } catch (RuntimeException e) {
                log.warn("A job listener failed on job {} ({}): {}", LogText.id(event.id()), outcome, e.toString());
            }
        }
    }
}
