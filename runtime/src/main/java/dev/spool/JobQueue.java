package dev.spool;

import dev.spool.internal.Cancels;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.ProgressText;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.JobIds;
import dev.spool.internal.queue.Limits;
import dev.spool.internal.queue.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One queue, for operators: its counts by state, paged listings of its jobs, one job by id, and
 * control (pause, resume, purge, cancel). Obtain one from {@link Spool#queue}; it holds no state of
 * its own, every call reads Redis. The command line and the HTTP API are thin layers over this.
 *
 * <p>Costs: {@link #counts()} is one script call of O(1) reads; a page of {@link #jobs} costs
 * O(log n + page) whatever the queue's length; {@link #cancel} of a queued job is O(its distance
 * from the head of the queue); {@link #purge()} runs in batches of 5,000 jobs.
 */
public final class JobQueue {

    /** The most jobs one page lists. */
    public static final int MAX_PAGE = 1000;

    private final SpoolCore core;
    private final QueueKeys queue;

    JobQueue(SpoolCore core, QueueKeys queue) {
        this.core = core;
        this.queue = queue;
    }

    /** The queue's name. */
    public String name() {
        return queue.queue();
    }

    /** How many jobs it holds in each state, in one round trip. */
    public QueueCounts counts() {
        return toCounts(queue.queue(), core.operator().counts(queue));
    }

    static QueueCounts toCounts(String name, Operator.Counts c) {
        return new QueueCounts(name, c.queued(), c.scheduled(), c.active(), c.waiting(), c.succeeded(), c.dead(),
                c.paused());
    }

    /**
     * One page of its jobs in one state: {@code QUEUED} (next to run first), {@code SCHEDULED}
     * (soonest first), {@code ACTIVE} (lease expiring first), {@code WAITING} (for a workflow;
     * soonest to expire first), {@code SUCCEEDED} and {@code FAILED} (dead letters), both newest
     * first.
     *
     * @param offset how many to skip
     * @param limit at most this many, 1 to {@link #MAX_PAGE}
     * @throws IllegalArgumentException for a state that cannot be listed ({@code CANCELLED},
     *     {@code MISSING}) or a bad offset or limit
     */
    public List<JobInfo> jobs(JobStatus status, long offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ": " + limit);
        }
        char state = switch (status) {
            case QUEUED -> 'q';
            case SCHEDULED -> 's';
            case ACTIVE -> 'a';
            case WAITING -> 'w';
            case SUCCEEDED -> 'd';
            case FAILED -> 'f';
            default -> throw new IllegalArgumentException("jobs in state " + status + " cannot be listed; listable: "
                    + LISTABLE);
        };
        List<JobInfo> out = new ArrayList<>();
        for (Operator.Listed listed : core.operator().list(queue, state, offset, limit)) {
            out.add(toInfo(listed, state));
        }
        return out;
    }

    /** The states {@link #jobs} lists. */
    public static final List<JobStatus> LISTABLE = List.of(JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.ACTIVE,
            JobStatus.WAITING, JobStatus.SUCCEEDED, JobStatus.FAILED);

    /** One job of this queue by id, in whatever state, if Spool has a record of it. */
    public Optional<JobInfo> job(String id) {
        checkId(id);
        Operator.Listed listed = core.operator().read(queue, List.of(id)).get(0);
        return "m".equals(listed.state()) ? Optional.empty() : Optional.of(toInfo(listed, 'i'));
    }

    private JobInfo toInfo(Operator.Listed l, char listedAs) {
        JobStatus status = switch (l.state()) {
            case "q" -> JobStatus.QUEUED;
            case "s" -> JobStatus.SCHEDULED;
            case "a" -> JobStatus.ACTIVE;
            case "d" -> JobStatus.SUCCEEDED;
            case "f" -> JobStatus.FAILED;
            case "w" -> JobStatus.WAITING;
            case "x" -> JobStatus.CANCELLED;
            case "e" -> JobStatus.EXPIRED;
            default -> JobStatus.MISSING;
        };
        String task = l.task(); // a succeeded job's record keeps its task name apart, without a payload
        String arguments = null;
        if (!l.payload().isEmpty()) {
            task = Payload.taskOf(l.payload());
            try {
                arguments = Payload.unpack(l.payload()).arguments();
            } catch (CodecException e) {
                arguments = null; // a waiting job's header only, or a corrupt payload
            }
        }
        long created = JobIds.createdAtMillis(l.id());
        Instant score = l.score() < 0 ? null : Instant.ofEpochMilli(l.score());
        JobFailure failure = null;
        if (!l.failureJson().isEmpty()) {
            try {
                failure = core.codec().decodeFailure(l.failureJson());
            } catch (RuntimeException e) {
                failure = new JobFailure("dev.spool.CorruptRecord", "unreadable failure record", "", l.attempts());
            }
        }
        Instant started = l.startedAtMillis() < 0 ? null : Instant.ofEpochMilli(l.startedAtMillis());
        Instant finished = listedAs == 'f' ? score
                : l.finishedAtMillis() < 0 ? null : Instant.ofEpochMilli(l.finishedAtMillis());
        return new JobInfo(l.id(), queue.queue(), task, status, l.attempts(), created < 0 ? null : Instant.ofEpochMilli(created),
                listedAs == 's' ? score : null, started, listedAs == 'a' ? score : null, finished,
                l.worker(), arguments, l.payload().isEmpty() ? null : l.payload(), failure, ProgressText.parse(l.progress()));
    }

    /**
     * Pauses the queue, for every worker at once: their fetches from it lease nothing from now on
     * (jobs already running finish). Enqueueing goes on. Lasts until {@link #resume()}.
     */
    public void pause() {
        core.operator().pause(queue);
    }

    /** Resumes a paused queue; workers fetch from it again within half a second. False if it was not paused. */
    public boolean resume() {
        return core.operator().resume(queue);
    }

    /** Whether the queue is paused. */
    public boolean paused() {
        return counts().paused();
    }

    /**
     * Limits how many of the queue's jobs start: at most {@code starts} in any window of length
     * {@code per}, across all workers, as the fetch script counts them on Redis' clock. Jobs over
     * the limit stay queued (none is failed or lost) and the workers ask again when the window has
     * room. Stored in Redis ({@code <Q>:limits}), so it holds for every worker at once until
     * {@link #removeRateLimit()}; setting it again replaces it.
     *
     * <pre>{@code spool.queue("emails").rateLimit(100, Duration.ofSeconds(1));}</pre>
     */
    public void rateLimit(int starts, Duration per) {
        new Limits(core.redis()).rateLimit(queue, new RateLimit(starts, per));
    }

    /** The queue's rate limit, if it has one. */
    public Optional<RateLimit> rateLimit() {
        return new Limits(core.redis()).rateLimit(queue);
    }

    /** Removes the queue's rate limit; false if it had none. */
    public boolean removeRateLimit() {
        return new Limits(core.redis()).removeRateLimit(queue);
    }

    /**
     * Removes every job waiting in the queue, queued and scheduled (at most as many as were there
     * when it began), and returns how many it removed. Running jobs, dead letters, kept results and
     * jobs waiting for a workflow stay; a workflow that waited for a purged job fails.
     */
    public long purge() {
        return core.operator().purge(queue);
    }

    /**
     * Cancels one job: a queued, scheduled or workflow-waiting job never runs; a running job loses
     * its lease at once and its worker interrupts it ({@link JobContext#cancelled()}); either way it
     * ends {@link JobStatus#CANCELLED}. A job that feeds a workflow makes the jobs waiting for it
     * fail. Cancelling a job that has finished changes nothing and says so.
     */
    public Cancellation cancel(String id) {
        checkId(id);
        return Cancels.cancel(core, queue, id, "cancelled by an operator");
    }

    /**
     * Repairs the queue after Redis lost some of its keys (an eviction under a
     * {@code maxmemory-policy} other than {@code noeviction}, a hand edit): every job whose
     * payload still waits but whose queue entry is gone is queued again, and the jobs whose queue
     * entry is there but whose payload is gone are counted (they cannot run; the count is logged
     * as a WARN too). Safe while workers run; it reads the whole queue, so it is for operators, not
     * for a hot path. After a lost reply its repeat finds the jobs queued already, so
     * {@link RepairReport#requeued()} may then be lower than what was re-queued.
     */
    public RepairReport repair() {
        return new dev.spool.internal.queue.Repair(core.redis(), core.broker()).repair(queue);
    }

    /**
     * Jobs succeeded and failed per minute over the last hour (60 minutes of Redis' clock, the
     * current one last), as the worker counts them in the same script call that records each
     * outcome. A failed attempt that is retried counts as failed too. One round trip.
     */
    public List<MinuteCount> lastHour() {
        List<MinuteCount> out = new ArrayList<>(60);
        for (long[] m : core.operator().minutes(queue, 60)) {
            out.add(new MinuteCount(Instant.ofEpochSecond(m[0] * 60), m[1], m[2]));
        }
        return out;
    }

    /** Its dead letters. */
    public DeadLetters deadLetters() {
        return new DeadLetters(core, queue);
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a job id must not be null or empty");
        }
    }

    @Override
    public String toString() {
        return "JobQueue(" + queue.queue() + ")";
    }
}
