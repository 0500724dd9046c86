package dev.spool.worker;

import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Leased;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a job with a concurrency key: the task thread that ran it writes its result at once
 * (no batch, no linger) in one fetch call that also leases one job for the slot it frees. That
 * call moves the key's next parked job back to ready and, having room, leases it itself (see
 * {@code fetchJobs-5.lua}), so the key's next run starts on the same thread without a wake-up
 * signal, a second round trip or a hand-over to another thread. The script admits the job as a
 * fetch does: never more holders of a key than it allows, and parked jobs never hold up others.
 *
 * <p>It leases only while the worker fetches, serves one queue (with several, the fetcher keeps
 * choosing the queue in priority order) and has no prefetch (the default with a concurrency key;
 * with a buffer, jobs waiting in it for a thread would wait behind the ones leased here); otherwise
 * the call only writes the result, at once. A call that fails leaves the result to the {@link
 * Acker} (token-checked, so it is never written twice).
 */
final class HandOn {

    private static final Logger log = LoggerFactory.getLogger(HandOn.class);

    private final WorkerConfig config;
    private final Slots slots;
    private final Outcomes outcomes;
    private final Map<String, InFlight> inFlight;

    HandOn(WorkerConfig config, Slots slots, Outcomes outcomes, Map<String, InFlight> inFlight) {
        this.config = config;
        this.slots = slots;
        this.outcomes = outcomes;
        this.inFlight = inFlight;
    }

    /**
     * Writes the result of {@code f}, which succeeded, and leases a job for its slot.
     *
     * @return the job leased for the slot (in the worker's hands, not started), or null
     */
    InFlight complete(InFlight f) {
        int max = config.prefetch() == 0 && config.queues().size() == 1 && slots.fetching() ? 1 : 0;
        long leasedAt = System.nanoTime();
        Broker.Exchange result;
        try {
            result = config.core().broker().completeAndFetch(f.job.queue(), outcomes.completions(List.of(f)),
                    config.resultTtlSeconds(), max, config.reservation().toMillis(), config.name(),
                    config.core().deadTtl().toSeconds());
        } catch (RuntimeException e) {
            log.debug("{} could not write the result of job {} at once; the acker will: {}", config.name(),
                    LogText.id(f.job.id()), e.getMessage());
            slots.addAck(f);
            return null;
        }
        result.corrupt().forEach((id, reason) -> log.warn(
                "{}: job {} in queue {} is corrupt and was dead-lettered without running: {}",
                config.name(), LogText.id(id), f.job.queue().queue(), LogText.escape(reason)));
        InFlight next = null;
        if (!result.jobs().isEmpty()) {
            Leased job = result.jobs().get(0);
            next = new InFlight(job, leasedAt, leasedAt + config.reservation().toNanos());
            inFlight.put(job.id(), next);
            f.release(); // its slot passes to the job leased for it
        }
        outcomes.recorded(f.job.queue(), List.of(f), result.recorded());
        return next;
    }
}
