package dev.spool.micrometer;

import dev.spool.worker.JobEvent;
import dev.spool.worker.JobListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * A worker's job meters, bound as a {@link JobListener}: every run that ends counts once, tagged
 * {@code task}, {@code queue} and {@code outcome} ({@code succeeded}, {@code retried}, {@code
 * failed} for a dead letter, {@code cancelled}, {@code expired}).
 *
 * <ul>
 *   <li>{@code spool.jobs.completed} (counter): runs by outcome;
 *   <li>{@code spool.jobs.run} (timer): how long runs took, by outcome (expired jobs never ran and
 *       are not timed);
 *   <li>{@code spool.jobs.wait} (timer, tags {@code task}, {@code queue}): from enqueue to the start
 *       of a job's first run, delays included.
 * </ul>
 *
 * <pre>{@code
 * Worker worker = Worker.builder(spool).listener(new SpoolJobMetrics(registry)).build().start();
 * }</pre>
 */
public final class SpoolJobMetrics implements JobListener {

    /** The counter of ended runs. */
    public static final String COMPLETED = "spool.jobs.completed";
    /** The timer of run durations. */
    public static final String RUN = "spool.jobs.run";
    /** The timer of queue waits. */
    public static final String WAIT = "spool.jobs.wait";

    private final MeterRegistry registry;

    /** Meters in this registry. */
    public SpoolJobMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void finished(JobEvent event) {
        Tags job = Tags.of("task", event.task(), "queue", event.queue());
        Tags ended = job.and("outcome", event.outcome().tag());
        Counter.builder(COMPLETED).description("Job runs that ended, by outcome").tags(ended)
                .register(registry).increment();
        if (event.outcome() != JobEvent.Outcome.EXPIRED) {
            Timer.builder(RUN).description("How long job runs took").tags(ended)
                    .register(registry).record(event.runTime());
        }
        event.queueWait().ifPresent(wait -> Timer.builder(WAIT)
                .description("From enqueue to the start of a job's first run").tags(job)
                .register(registry).record(wait));
    }
}
