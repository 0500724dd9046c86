package dev.spool.worker;

import dev.spool.JobFailure;
import dev.spool.internal.Flows;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Completion;
import dev.spool.internal.queue.Reply;
import dev.spool.internal.queue.ScriptFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what became of each run: results (batched, for the {@link Acker} and the {@link
 * Fetcher}), failures (retry or dead letter), and the outcomes workflow jobs pass on. Every write
 * is lease-checked in Redis, so a run whose lease expired never records anything; a write whose
 * reply was lost is asked again and the script answers the repeat truthfully. Gives each job's
 * slot back once its outcome is written or given up.
 */
final class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final WorkerConfig config;
    private final Slots slots;
    private final Map<String, InFlight> inFlight;

    Outcomes(WorkerConfig config, Slots slots, Map<String, InFlight> inFlight) {
        this.config = config;
        this.slots = slots;
        this.inFlight = inFlight;
    }

    private Broker broker() {
        return config.core().broker();
    }

    /** This job is done with: it leaves the worker's hands and its slot is free. */
    void finish(InFlight f) {
        inFlight.remove(f.job.id(), f);
        slots.release(f);
    }

    void finishAll(List<InFlight> jobs) {
        for (InFlight f : jobs) {
            finish(f);
        }
    }

    /** The completions of these jobs, as the scripts take them. */
    List<Completion> completions(List<InFlight> jobs) {
        List<Completion> completions = new ArrayList<>(jobs.size());
        for (InFlight f : jobs) {
            completions.add(new Completion(f.job.id(), f.job.token(), f.resultJson));
        }
        return completions;
    }

    /** Writes results the fetcher did not carry, one call per queue. */
    void writeAcks(List<InFlight> batch) {
        for (Map.Entry<QueueKeys, List<InFlight>> entry : byQueue(batch).entrySet()) {
            List<InFlight> jobs = entry.getValue();
            List<Completion> completions = completions(jobs);
            try {
                List<Reply> replies = persistently("record " + jobs.size() + " result(s)",
                        () -> broker().complete(entry.getKey(), completions, config.resultTtlSeconds()));
                recorded(entry.getKey(), jobs, replies);
            } catch (RuntimeException e) {
                log.warn("Could not record {} result(s) in queue {}; their leases will expire and they will run again: {}",
                        jobs.size(), entry.getKey().queue(), e.getMessage());
                finishAll(jobs);
            }
        }
    }

    /** After the results of {@code jobs} were written: logs stale ones, passes workflow results on, frees the slots. */
    void recorded(QueueKeys queue, List<InFlight> jobs, List<Reply> replies) {
        for (int i = 0; i < jobs.size(); i++) {
            if (!replies.get(i).recorded()) {
                log.info("Job {} finished, but its lease had expired; its result was not recorded",
                        LogText.id(jobs.get(i).job.id()));
            } else {
                config.listeners().finished(jobs.get(i), JobEvent.Outcome.SUCCEEDED);
            }
        }
        try {
            passOnResults(queue, jobs, replies);
        } finally {
            finishAll(jobs);
        }
    }

    /** Passes workflow jobs' results on to the jobs that wait for them; on error the flows sweeper does. */
    private void passOnResults(QueueKeys queue, List<InFlight> jobs, List<Reply> replies) {
        List<Flows.Succeeded> succeeded = null;
        for (int i = 0; i < jobs.size(); i++) {
            InFlight f = jobs.get(i);
            if (replies.get(i).recorded() && Payload.hasTargets(f.job.payload())) {
                if (succeeded == null) {
                    succeeded = new ArrayList<>();
                }
                succeeded.add(new Flows.Succeeded(f.job.id(), f.job.payload(), f.resultJson));
            }
        }
        if (succeeded != null) {
            try {
                Flows.of(config.core()).succeeded(queue, succeeded);
            } catch (RuntimeException e) {
                log.warn("Could not pass on the results of {} workflow job(s) in queue {}; maintenance will: {}",
                        succeeded.size(), queue.queue(), e.getMessage());
            }
        }
    }

    /**
     * Records a failed run (retry or dead letter) and frees its slot.
     *
     * @param retryable false for failures a retry cannot fix
     * @param retries how many retries the job allows
     * @param backoffMillis the wait before a retry
     */
    void recordFailure(InFlight f, JobFailure failure, boolean retryable, int retries, long backoffMillis) {
        Broker.Leased job = f.job;
        String task = LogText.name(Payload.taskOf(job.payload()));
        String id = LogText.id(job.id());
        try {
            Broker.Failed failed = new Broker.Failed(job.id(), job.token(), config.core().codec().encodeFailure(failure),
                    retryable, retries, backoffMillis, config.core().codec().encodeAttempt(job.attempt(), config.name(), failure));
            Reply outcome = persistently("record the failure of job " + id,
                    () -> broker().fail(job.queue(), failed, config.core().deadTtl().toSeconds()));
            switch (outcome) {
                case RETRY_SCHEDULED -> {
                    log.warn("Job {} ({}) failed on attempt {}, retrying in {} ms: {}",
                            id, task, job.attempt(), backoffMillis, failure);
                    config.listeners().finished(f, JobEvent.Outcome.RETRIED);
                }
                case FAILED_FOR_GOOD -> {
                    config.listeners().finished(f, JobEvent.Outcome.FAILED);
                    if (retryable) {
                        log.warn("Job {} ({}) failed for good after {} attempt(s): {}", id, task, job.attempt(), failure);
                    } else {
                        log.warn("Job {} ({}) failed for good, not worth retrying: {}", id, task, failure);
                    }
                    if (Payload.hasTargets(job.payload())) {
                        failWaiting(job, failure);
                    }
                }
                default -> log.info("Job {} ({}) failed, but its lease had expired; another worker owns it now: {}",
                        id, task, failure);
            }
        } catch (ScriptFailedException e) {
            log.warn("Could not record the failure of job {}: Redis refused the script, its queue's keys need repair: {}",
                    id, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of job {}; its lease will expire and it will run again: {}",
                    id, e.getMessage());
        } finally {
            finish(f);
        }
    }

    /** Fails the workflow jobs that wait for a job that failed for good; on error the flows sweeper does. */
    private void failWaiting(Broker.Leased job, JobFailure failure) {
        try {
            Flows.of(config.core()).failed(job.queue(), job.id(), job.payload(), failure);
        } catch (RuntimeException e) {
            log.warn("Could not fail the jobs waiting for job {}; maintenance will: {}", LogText.id(job.id()), e.getMessage());
        }
    }

    /**
     * Runs a lease-checked write, trying again with a backoff (50 ms doubling to 1 s) while Redis
     * is unreachable, for at most one lease duration: after that the lease has expired anyway and
     * the job runs again elsewhere. A repeat of a write that did reach Redis is answered as the
     * first one was, so it never writes twice.
     */
    <T> T persistently(String what, Supplier<T> write) {
        long deadline = System.nanoTime() + config.leaseDuration().toNanos();
        long delay = 50;
        while (true) {
            try {
                return write.get();
            } catch (ScriptFailedException e) {
                throw e; // asking again cannot help: the queue's keys need repair
            } catch (RuntimeException e) {
                if (System.nanoTime() + delay * 1_000_000 > deadline || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.debug("{} could not {} (trying again in {} ms): {}", config.name(), what, delay, e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(1000, delay * 2);
            }
        }
    }

    static Map<QueueKeys, List<InFlight>> byQueue(List<InFlight> batch) {
        return InFlight.byQueue(batch, f -> true);
    }
}
