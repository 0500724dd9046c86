package dev.spool.internal;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobFailure;
import dev.spool.JobProgress;
import dev.spool.JobStatus;
import dev.spool.JobTimeoutException;
import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Job} implementation: every call reads the job's state with one script call. Waiting
 * ({@link #await}, {@link #future}) does not poll: it notes the job as awaited, and the script that
 * finishes the job publishes the outcome (with the result) to this client's one subscriber
 * connection ({@link Completions}); the status is read again only every second, in case a message
 * was lost. Futures run on one shared scheduler thread. Both ride out a brief outage of Redis the
 * same way: a read that fails for a lost connection (or while Redis loads its data) is tried again
 * until the timeout. A job whose data was lost because Redis' data was reset after this handle was
 * made is reported as such, not as "never enqueued".
 */
public final class JobHandle<R> implements Job<R> {

    private static final Logger log = LoggerFactory.getLogger(JobHandle.class);

    private static final long FALLBACK_NANOS = TimeUnit.MILLISECONDS.toNanos(Completions.FALLBACK_MILLIS);
    /** How soon a read that failed for a transient reason is tried again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** A future has no deadline: its entry in the awaited set is renewed by every fallback read. */
    private static final long FUTURE_NOTE_MILLIS = 3 * Completions.FALLBACK_MILLIS;

    private final SpoolCore core;
    private final QueueKeys queue;
    private final String id;
    private final String task;
    private final TypeRef<R> resultType;
    /** The namespace's data epoch when this handle was made. */
    private final String epoch;

    /** A handle; {@code task} may be null for a reattached handle until the first read. */
    public JobHandle(SpoolCore core, QueueKeys queue, String id, String task, TypeRef<R> resultType) {
        this.core = core;
        this.queue = queue;
        this.id = id;
        this.task = task;
        this.resultType = resultType;
        this.epoch = core.epoch().known();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String queue() {
        return queue.queue();
    }

    @Override
    public String task() {
        if (task != null) {
            return task;
        }
        String task = core.broker().taskName(queue, id);
        return task == null ? "" : task;
    }

    @Override
    public int attempts() {
        return read().attempts();
    }

    @Override
    public JobStatus status() {
        return toStatus(read());
    }

    private Broker.StoredStatus read() {
        return core.broker().status(queue, id);
    }

    static JobStatus toStatus(Broker.StoredStatus stored) {
        return switch (stored.state()) {
            case "s" -> JobStatus.SCHEDULED;
            case "q" -> JobStatus.QUEUED;
            case "a" -> JobStatus.ACTIVE;
            case "d" -> JobStatus.SUCCEEDED;
            case "f" -> JobStatus.FAILED;
            case "w" -> JobStatus.WAITING;
            case "x" -> JobStatus.CANCELLED;
            case "e" -> JobStatus.EXPIRED;
            default -> JobStatus.MISSING;
        };
    }

    @Override
    public R await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Completions.Waiter waiter = core.completions().register(queue, id);
        try {
            try {
                waiter.subscribed.get(Completions.FALLBACK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Not subscribed to {}'s outcomes yet; reading its status every {} ms", this,
                        Completions.FALLBACK_MILLIS);
            }
            JobStatus last = JobStatus.MISSING;
            while (true) {
                long left = deadline - System.nanoTime();
                Broker.StoredStatus stored = null;
                try {
                    stored = core.broker().awaitStatus(queue, id, noteMillis(left));
                } catch (RuntimeException e) {
                    if (!transientFailure(e) || deadline - System.nanoTime() <= 0) {
                        throw e;
                    }
                    log.debug("Reading {} failed; reading again", this, e);
                }
                if (stored != null) {
                    last = toStatus(stored);
                    if (last.isFinal()) {
                        return outcome(stored, last);
                    }
                }
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JobTimeoutException(id, timeout, last);
                }
                try { // after a failed read, read again soon (or take the outcome if it arrives first)
                    long wait = Math.min(left, stored == null ? RETRY_NANOS : FALLBACK_NANOS);
                    String message = waiter.message.get(wait, TimeUnit.NANOSECONDS);
                    if (message.startsWith("d\n")) {
                        return decodeResult(message.substring(2));
                    }
                    unregister(waiter);
                    waiter = core.completions().register(queue, id); // read the failure, then wait again if need be
                } catch (TimeoutException e) {
                    // no message yet (or lost): read the status again
                } catch (ExecutionException e) {
                    throw new SpoolException("waiting for job " + id + " failed", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpoolException("interrupted while waiting for job " + id, e);
        } finally {
            unregister(waiter);
        }
    }

    private void unregister(Completions.Waiter waiter) {
        core.completions().unregister(waiter);
    }

    /** How long the awaited set keeps this caller's entry: what is left to wait, and a second more. */
    private static long noteMillis(long leftNanos) {
        return Math.max(0, leftNanos) / 1_000_000 + Completions.FALLBACK_MILLIS;
    }

    /** A lost connection, or Redis loading its data after a restart: worth reading again. */
    static boolean transientFailure(RuntimeException e) {
        if (e instanceof ReplyLostException) {
            return true;
        }
        String message = e.getMessage();
        return message != null && message.contains("LOADING");
    }

    private R outcome(Broker.StoredStatus stored, JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> decodeResult(stored.resultJson());
            case FAILED, CANCELLED, EXPIRED -> throw new JobFailedException(id, failureOf(stored));
            default -> throw new SpoolException(missing());
        };
    }

    private String missing() {
        boolean reset;
        try {
            reset = core.epoch().resetSince(epoch);
        } catch (RuntimeException e) {
            reset = false;
        }
        if (reset) {
            return "job " + id + " in queue " + queue.queue() + " is missing: the data of namespace "
                    + core.keys().namespace() + " in Redis was reset (restart without persistence, flush, failover"
                    + " or eviction) after the job was enqueued; the job was lost";
        }
        return "job " + id + " in queue " + queue.queue()
                + " is missing: never enqueued in namespace " + core.keys().namespace() + ", or its record expired";
    }

    private R decodeResult(String json) {
        return json == null ? null : core.codec().decode(resultType, json);
    }

    private JobFailure failureOf(Broker.StoredStatus stored) {
        return stored.failureJson() == null
                ? new JobFailure("unknown", "", "", stored.attempts())
                : core.codec().decodeFailure(stored.failureJson());
    }

    @Override
    public Optional<R> result() {
        Broker.StoredStatus stored = read();
        return "d".equals(stored.state()) ? Optional.ofNullable(decodeResult(stored.resultJson())) : Optional.empty();
    }

    @Override
    public Optional<JobFailure> failure() {
        Broker.StoredStatus stored = read();
        return "f".equals(stored.state()) || "x".equals(stored.state()) || "e".equals(stored.state()) ? Optional.of(failureOf(stored)) : Optional.empty();
    }

    @Override
    public Optional<JobProgress> progress() {
        return Optional.ofNullable(ProgressText.parse(core.operator().read(queue, List.of(id)).get(0).progress()));
    }

    @Override
    public Cancellation cancel() {
        return Cancels.cancel(core, queue, id, "cancelled through its handle");
    }

    @Override
    public CompletableFuture<R> future() {
        CompletableFuture<R> future = new CompletableFuture<>();
        Completions.Waiter waiter = core.completions().register(queue, id);
        future.whenComplete((r, e) -> unregister(waiter));
        waiter.message.thenAcceptAsync(message -> {
            if (message.startsWith("d\n")) {
                try {
                    future.complete(decodeResult(message.substring(2)));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            } else {
                check(future);
            }
        }, core.poller());
        waiter.subscribed.orTimeout(Completions.FALLBACK_MILLIS, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((ok, e) -> poll(future), core.poller());
        return future;
    }

    /** Reads the status now and then every second until the future is done (a lost message, a failure). */
    private void poll(CompletableFuture<R> future) {
        if (!check(future)) {
            core.poller().schedule(() -> poll(future), Completions.FALLBACK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Completes the future if the job is finished; true once the future is done. */
    private boolean check(CompletableFuture<R> future) {
        if (future.isDone()) {
            return true;
        }
        Broker.StoredStatus stored;
        try {
            stored = core.broker().awaitStatus(queue, id, FUTURE_NOTE_MILLIS);
        } catch (RuntimeException e) {
            log.debug("Reading {} failed; reading again", this, e); // a Redis hiccup
            return false;
        }
        JobStatus status = toStatus(stored);
        if (!status.isFinal()) {
            return false;
        }
        try {
            future.complete(outcome(stored, status));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return true;
    }

    @Override
    public String toString() {
        return "job " + id + " (" + queue.queue() + ")";
    }
}
