package dev.spool.worker;

import dev.spool.CodecException;
import dev.spool.JobContext;
import dev.spool.internal.CurrentJob;
import dev.spool.internal.Failures;
import dev.spool.internal.JobIds;
import dev.spool.internal.Payload;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Broker.Leased;
import dev.spool.workflow.WorkflowContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased job on a task thread: checks and decodes its payload, finds its task, calls it
 * through the interceptor chain under its timeout, and encodes the result. A success waits in
 * {@link Slots} to be written in a batch, except that of a job with a concurrency key, which the
 * same thread writes at once, leasing the next job for its slot and running it ({@link HandOn});
 * anything else (a payload that does not decode, an unknown task, a task that throws or times
 * out, a result that does not encode) ends as a failure through {@link Outcomes}, retried or
 * dead-lettered with a readable reason. Nothing a job does stops the worker.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** Room for the header lines of a packed payload on top of the arguments' size limit. */
    private static final int MAX_HEADER_CHARS = 64 * 1024;

    private final WorkerConfig config;
    private final TaskRegistry tasks;
    private final Slots slots;
    private final Outcomes outcomes;
    private final Timeouts timeouts;
    private final RetryPolicy retryPolicy;
    private final List<JobInterceptor> interceptors;

    /** Hands back a job withdrawn from the buffer before it started. */
    private final java.util.function.Consumer<InFlight> stale;
    private final HandOn handOn;

    /**
     * How a run ended: settled (a failure written or given up, or settled by a timeout, a cancel
     * or a hand-back), its result waiting in {@link Slots}, or its result to hand on ({@link HandOn}).
     */
    private enum Ran { SETTLED, ACKED, HAND_ON }

    JobRunner(WorkerConfig config, TaskRegistry tasks, Slots slots, Outcomes outcomes, Timeouts timeouts,
            java.util.function.Consumer<InFlight> stale, HandOn handOn) {
        this.stale = stale;
        this.handOn = handOn;
        this.config = config;
        this.tasks = tasks;
        this.slots = slots;
        this.outcomes = outcomes;
        this.timeouts = timeouts;
        this.retryPolicy = new RetryPolicy(config.retryBackoff());
        this.interceptors = config.interceptors();
    }

    /** A leased job on its way to a task thread; recognisable in the buffer at shutdown. */
    final class Start implements Runnable {
        final InFlight f;

        Start(InFlight f) {
            this.f = f;
        }

        /** Runs the job, then, on the same thread, each job its end leased for its slot ({@link HandOn}). */
        @Override
        public void run() {
            InFlight next = f;
            while (next != null) {
                next = JobRunner.this.run(next);
            }
        }
    }

    Start start(Leased job, Map<String, InFlight> inFlight, long leasedAt) {
        InFlight f = new InFlight(job, leasedAt, leasedAt + config.reservation().toNanos());
        inFlight.put(job.id(), f);
        return new Start(f);
    }

    /** Runs one job; returns the job leased for its slot when it ended ({@link HandOn}), or null. */
    InFlight run(InFlight f) {
        if (System.nanoTime() - f.leasedAt > config.startWithinNanos() && f.withdraw()) {
            stale.accept(f); // waited in the buffer past its reservation's safe part (a frozen worker woke up)
            return null;
        }
        if (f.settled() || !f.begin()) {
            outcomes.finish(f); // handed back before it started
            return null;
        }
        f.runOn(Thread.currentThread());
        Ran ran = Ran.SETTLED;
        boolean replaced = false;
        try {
            ran = runTask(f);
        } catch (RuntimeException e) {
            log.error("{}: unexpected error handling job {}", config.name(), LogText.id(f.job.id()), e);
        } finally {
            replaced = f.leave();
            Thread.interrupted(); // a timeout's interrupt must not leak into the next job
            if (replaced) {
                timeouts.returned(f);
            }
            if (ran == Ran.SETTLED) {
                outcomes.finish(f); // once: a failure written (or given up) has finished it already
            }
        }
        if (ran != Ran.HAND_ON) {
            return null;
        }
        if (replaced) { // a timeout gave this slot another thread meanwhile: this one ends here
            slots.addAck(f);
            return null;
        }
        return handOn.complete(f);
    }

    /** Runs the task; whether its result waits to be written (a job with a concurrency key: to hand on). */
    private Ran runTask(InFlight f) {
        Leased job = f.job;
        SpoolCore core = config.core();
        if (job.payload().length() > core.maxPayloadBytes() + MAX_HEADER_CHARS) {
            fail(f, Failures.reason(Failures.PAYLOAD_TOO_LARGE, "the payload has " + job.payload().length()
                    + " characters, more than this worker accepts (maxPayloadBytes " + core.maxPayloadBytes()
                    + "); it was not decoded", job.attempt()), false, 0);
            return Ran.SETTLED;
        }
        Payload payload;
        try {
            payload = Payload.unpack(job.payload());
        } catch (CodecException e) {
            fail(f, Failures.reason(CodecException.class.getName(), e.getMessage(), job.attempt()), false, 0);
            return Ran.SETTLED;
        }
        if (payload.expiresAtMillis() > 0 && job.attempt() == 1 && expired(f, payload)) {
            return Ran.SETTLED;
        }
        TaskRegistry.Dispatch dispatch = tasks.get(payload.task());
        if (dispatch == null) {
            // Retried like any failure: during a rolling deploy, a newer worker may know the task.
            fail(f, Failures.unknownTask(payload.task(), tasks.names(), job.attempt()), true, payload.retries());
            return Ran.SETTLED;
        }
        Object[] arguments;
        try {
            arguments = core.codec().decodeArguments(dispatch.entry().task(), payload.arguments());
        } catch (CodecException e) {
            fail(f, Failures.reason(CodecException.class.getName(), e.getMessage(), job.attempt()), false, payload.retries());
            return Ran.SETTLED;
        }
        if (payload.timeoutMillis() > 0) {
            timeouts.watch(f, payload.timeoutMillis(), payload.retries(), retryPolicy.backoffMillis(job.attempt()));
        }
        String workflowId = JobIds.workflowOf(job.id());
        if (workflowId != null) {
            f.control.workflowContext(new WorkflowContext(core, workflowId, job.id()));
        }
        JobContext context = new JobContext(job.id(), job.queue().queue(), payload.task(), job.attempt(), config.name(),
                job.token(), f.control, payload.propagated());
        Object result;
        try {
            CurrentJob.set(context);
            result = invoke(context, dispatch, arguments, 0);
        } catch (Throwable error) {
            timeouts.cancel(f);
            if (error instanceof InterruptedException && f.settled()) {
                return Ran.SETTLED; // timed out or handed back: already settled
            }
            if (cancelled(f)) {
                return Ran.SETTLED;
            }
            fail(f, Failures.of(error, job.attempt()), !dispatch.notWorthRetrying(error, payload.noRetryFor()),
                    payload.retries());
            return Ran.SETTLED;
        } finally {
            CurrentJob.set(null);
        }
        timeouts.cancel(f);
        if (cancelled(f)) {
            return Ran.SETTLED;
        }
        String json;
        try {
            json = core.codec().encode(dispatch.entry().task().resultType(), result);
        } catch (CodecException e) {
            fail(f, Failures.of(e, job.attempt()), false, payload.retries());
            return Ran.SETTLED;
        }
        if (!f.settle()) {
            return Ran.SETTLED; // timed out meanwhile: the timeout wrote the failure
        }
        f.resultJson = config.keepResults() || Payload.hasTargets(job.payload()) ? json : "";
        if (!payload.concurrency().isEmpty()) {
            return Ran.HAND_ON;
        }
        slots.addAck(f);
        return Ran.ACKED;
    }

    private Object invoke(JobContext context, TaskRegistry.Dispatch dispatch, Object[] arguments, int next) throws Exception {
        if (next == interceptors.size()) {
            return dispatch.invoke(arguments);
        }
        return interceptors.get(next).intercept(context, () -> invoke(context, dispatch, arguments, next + 1));
    }

    /**
     * Whether an operator cancelled the run: the cancel already wrote the job's final state and took
     * its lease, so the run's outcome is settled without writing anything.
     */
    private boolean cancelled(InFlight f) {
        if (!f.control.cancelled()) {
            return false;
        }
        if (f.settle()) {
            log.info("{}: job {} was cancelled; its run ended and nothing of it was recorded", config.name(),
                    LogText.id(f.job.id()));
            config.listeners().finished(f, JobEvent.Outcome.CANCELLED);
        }
        return true;
    }

    /**
     * Whether a job with a start deadline was fetched too late: Redis' clock decides, and the same
     * call discards it (state {@code e}). A job that could not be checked runs: expiry is a promise
     * not to start late work, and a failed check is no reason to drop a job.
     */
    private boolean expired(InFlight f, Payload payload) {
        Broker.Expiry expiry;
        try {
            expiry = config.core().broker().expire(f.job.queue(), f.lease(), payload.expiresAtMillis(),
                    config.core().deadTtl().toSeconds());
        } catch (RuntimeException e) {
            log.warn("{}: could not check the deadline of job {}; running it: {}", config.name(), LogText.id(f.job.id()),
                    e.getMessage());
            return false;
        }
        if (expiry == Broker.Expiry.IN_TIME) {
            return false;
        }
        if (f.settle()) {
            if (expiry == Broker.Expiry.EXPIRED) {
                log.info("{}: job {} ({}) was not started by its deadline; discarded unrun", config.name(),
                        LogText.id(f.job.id()), LogText.name(payload.task()));
                config.listeners().finished(f, JobEvent.Outcome.EXPIRED);
            } else {
                log.info("{}: lost the lease of job {} before it started; not running it", config.name(),
                        LogText.id(f.job.id()));
            }
        }
        return true;
    }

    /** Records a failure unless the job was settled already (timed out, handed back). */
    private void fail(InFlight f, dev.spool.JobFailure failure, boolean retryable, int retries) {
        if (f.settle()) {
            outcomes.recordFailure(f, failure, retryable, retries, retryPolicy.backoffMillis(f.job.attempt()));
        }
    }
}
