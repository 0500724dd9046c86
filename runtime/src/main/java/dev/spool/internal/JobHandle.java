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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Job} implementation: every call reads the job's state with one script call. Waiting
 * polls with a backoff from 1 ms up to 50 ms, so short jobs return with low latency and long ones
 * cost at most 20 round trips a second; futures poll on one shared scheduler thread. Both ride
 * out a brief outage of Redis the same way: a read that fails for a lost connection (or while
 * Redis loads its data) is tried again until the timeout. A job whose data was lost because
 * Redis' data was reset after this handle was made is reported as such, not as "never enqueued".
 */
public final class JobHandle<R> implements Job<R> {

    private static final Logger log = LoggerFactory.getLogger(JobHandle.class);

    static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

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
        long pause = FIRST_POLL_NANOS;
        JobStatus last = JobStatus.MISSING;
        while (true) {
            Broker.StoredStatus stored = null;
            try {
                stored = read();
            } catch (RuntimeException e) {
                if (!transientFailure(e) || deadline - System.nanoTime() <= 0) {
                    throw e;
                }
                log.debug("Reading {} failed; polling again", this, e);
            }
            if (stored != null) {
                last = toStatus(stored);
                if (last.isFinal()) {
                    return outcome(stored, last);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new JobTimeoutException(id, timeout, last);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpoolException("interrupted while waiting for job " + id, e);
            }
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
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
        poll(future, FIRST_POLL_NANOS);
        return future;
    }

    private void poll(CompletableFuture<R> future, long pause) {
        core.poller().schedule(() -> {
            if (future.isDone()) {
                return;
            }
            Broker.StoredStatus stored = null;
            try {
                stored = read();
            } catch (RuntimeException e) {
                log.debug("Reading {} failed; polling again", this, e); // a Redis hiccup
            }
            if (stored != null && toStatus(stored).isFinal()) {
                try {
                    future.complete(outcome(stored, toStatus(stored)));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
                return;
            }
            poll(future, Math.min(pause * 2, MAX_POLL_NANOS));
        }, pause, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "job " + id + " (" + queue.queue() + ")";
    }
}
