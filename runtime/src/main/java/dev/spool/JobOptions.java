package dev.spool;

import dev.spool.annotations.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call settings for the jobs a stub enqueues. Immutable; each setter returns a copy, so a
 * stub can be specialised without losing its types:
 *
 * <pre>{@code
 * tasks.with(options -> options.delay(Duration.ofMinutes(5)).queue("slow")).render(image, 128);
 * }</pre>
 */
public final class JobOptions {

    private static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null, null, List.of(), List.of(), null, null);

    private final String queue;
    private final Duration delay;
    private final Instant runAt;
    private final Integer retries;
    private final Duration timeout;
    private final Duration expiresIn;
    private final List<String> noRetryFor;
    private final List<Job<?>> dependsOn;
    private final UniqueKey unique;
    private final Integer priority;

    /** The lowest priority level. */
    public static final int MIN_PRIORITY = -5;
    /** The highest priority level. */
    public static final int MAX_PRIORITY = 5;
    /** The default priority level, the one jobs without a priority run at. */
    public static final int DEFAULT_PRIORITY = 0;

    private JobOptions(String queue, Duration delay, Instant runAt, Integer retries, Duration timeout, Duration expiresIn, List<String> noRetryFor,
            List<Job<?>> dependsOn, UniqueKey unique, Integer priority) {
        this.queue = queue;
        this.delay = delay;
        this.runAt = runAt;
        this.retries = retries;
        this.timeout = timeout;
        this.expiresIn = expiresIn;
        this.noRetryFor = noRetryFor;
        this.dependsOn = dependsOn;
        this.unique = unique;
        this.priority = priority;
    }

    /** No overrides: every task's own defaults apply. */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    /** Sends the job to this queue instead of the task's own. */
    public JobOptions queue(String queue) {
        return new JobOptions(Objects.requireNonNull(queue, "queue"), delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /** Runs the job no earlier than this long from now. Replaces {@link #runAt(Instant)}. */
    public JobOptions delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new JobOptions(queue, delay, null, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /** Runs the job no earlier than this instant. Replaces {@link #delay(Duration)}. */
    public JobOptions runAt(Instant runAt) {
        return new JobOptions(queue, null, Objects.requireNonNull(runAt, "runAt"), retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /** Tries a failed job this many more times instead of the task's own count. */
    public JobOptions retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /** Interrupts a run that takes longer than this, instead of the task's own timeout. */
    public JobOptions timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /**
     * Discards the job, unrun, if no worker has started it within this long after it is due (now,
     * or after its delay or run-at time), as Celery's {@code expires} and RQ's {@code ttl} do: a
     * worker that fetches it later ends it {@link JobStatus#EXPIRED} with a failure of class {@code
     * dev.spool.Expired}. Once a run has started, its retries are not limited by this. The deadline
     * is computed on this machine's clock and checked on Redis' clock. Replaces the task's own
     * {@code @Task(expires)}.
     */
    public JobOptions expiresIn(Duration expiresIn) {
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn must be positive: " + expiresIn);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /**
     * Fails the job for good at once, without its remaining retries, when its task throws one of
     * these exception types (or a subclass, or an exception caused by one). Adds to the task's own
     * {@code noRetryFor}. A task may also throw {@link NonRetryableException}.
     */
    @SafeVarargs
    public final JobOptions noRetryFor(Class<? extends Throwable>... types) {
        List<String> names = new ArrayList<>(noRetryFor);
        for (Class<? extends Throwable> type : types) {
            String name = Objects.requireNonNull(type, "type").getName();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, List.copyOf(names), dependsOn, unique, priority);
    }

    /**
     * Makes the job wait until these jobs (enqueued earlier, in any queue of this namespace) have
     * all succeeded, like RQ's {@code depends_on}: it is created in state {@link JobStatus#WAITING}
     * and enqueued, exactly once, when the last of them succeeds. If one of them fails for good (or
     * has expired), the job fails at once with a {@code dev.spool.WorkflowFailed} failure naming it,
     * and never runs. Their results are not passed to the job. Adds to earlier {@code dependsOn}
     * jobs; cannot be combined with a delay or run-at time.
     */
    public JobOptions dependsOn(Job<?>... jobs) {
        List<Job<?>> all = new ArrayList<>(dependsOn);
        for (Job<?> job : jobs) {
            all.add(Objects.requireNonNull(job, "job"));
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, List.copyOf(all), unique, priority);
    }

    /**
     * Makes the job unique by {@code key} until it finishes: while a job enqueued with this key is
     * queued, scheduled, retrying or running, enqueueing another returns that job's handle and
     * adds nothing (BullMQ's deduplication). Replaces the task's own {@code @Task(unique)} rule.
     */
    public JobOptions unique(String key) {
        return unique(key, Unique.UNTIL_FINISHED);
    }

    /** Makes the job unique by {@code key} for the scope given ({@link Unique#WHILE_QUEUED} or {@link Unique#UNTIL_FINISHED}). */
    public JobOptions unique(String key, Unique scope) {
        if (scope == Unique.FOR_PERIOD) {
            throw new IllegalArgumentException("FOR_PERIOD needs its period: use unique(key, period)");
        }
        return withUnique(scope == Unique.NONE ? null : new UniqueKey(key, scope, null));
    }

    /** Makes the job unique by {@code key} for {@code period} from this enqueue, whatever the job does. */
    public JobOptions unique(String key, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the unique period must be positive: " + period);
        }
        return withUnique(new UniqueKey(key, Unique.FOR_PERIOD, period));
    }

    private JobOptions withUnique(UniqueKey unique) {
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /**
     * Runs the job at this priority level inside its queue, from {@link #MIN_PRIORITY} (-5) to
     * {@link #MAX_PRIORITY} (5), instead of the task's own {@code @Task(priority)}: a worker
     * fetching from the queue takes the jobs of the highest level first, and within a level the
     * oldest first. {@link #DEFAULT_PRIORITY} (0) is the level of jobs without a priority. The job
     * keeps its level when it becomes due, is retried, handed back or recovered.
     */
    public JobOptions priority(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be from " + MIN_PRIORITY + " to " + MAX_PRIORITY + ": " + priority);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout, expiresIn, noRetryFor, dependsOn, unique, priority);
    }

    /** The priority override, if any (see {@link #priority(int)}). */
    public Optional<Integer> priority() {
        return Optional.ofNullable(priority);
    }

    /**
     * A call's unique key.
     *
     * @param key the key, compared as written (at most 200 characters)
     * @param scope how long a job holds it
     * @param period the period of {@link Unique#FOR_PERIOD}; null otherwise
     */
    public record UniqueKey(String key, Unique scope, Duration period) {
        public UniqueKey {
            Objects.requireNonNull(key, "key");
            if (key.isEmpty() || key.length() > 200) {
                throw new IllegalArgumentException("a unique key has 1 to 200 characters: \"" + key + "\"");
            }
            Objects.requireNonNull(scope, "scope");
        }
    }

    /** The call's unique key, if any (see {@link #unique(String)}). */
    public Optional<UniqueKey> unique() {
        return Optional.ofNullable(unique);
    }

    /** The jobs this job waits for (see {@link #dependsOn(Job[])}); empty for none. */
    public List<Job<?>> dependsOn() {
        return dependsOn;
    }

    /** The names of the exception types not worth retrying for this call (see {@link #noRetryFor(Class[])}). */
    public List<String> noRetryFor() {
        return noRetryFor;
    }

    /** The queue override, if any. */
    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    /** The delay, if any. */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /** The run-at time, if any. */
    public Optional<Instant> runAt() {
        return Optional.ofNullable(runAt);
    }

    /** The retry count override, if any. */
    public Optional<Integer> retries() {
        return Optional.ofNullable(retries);
    }

    /** The expiry override, if any (see {@link #expiresIn(Duration)}). */
    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    /** The timeout override, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }
}
