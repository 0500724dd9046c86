package dev.spool;

import java.time.Duration;
import java.time.Instant;
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

    private static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null);

    private final String queue;
    private final Duration delay;
    private final Instant runAt;
    private final Integer retries;
    private final Duration timeout;

    private JobOptions(String queue, Duration delay, Instant runAt, Integer retries, Duration timeout) {
        this.queue = queue;
        this.delay = delay;
        this.runAt = runAt;
        this.retries = retries;
        this.timeout = timeout;
    }

    /** No overrides: every task's own defaults apply. */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    /** Sends the job to this queue instead of the task's own. */
    public JobOptions queue(String queue) {
        return new JobOptions(Objects.requireNonNull(queue, "queue"), delay, runAt, retries, timeout);
    }

    /** Runs the job no earlier than this long from now. Replaces {@link #runAt(Instant)}. */
    public JobOptions delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new JobOptions(queue, delay, null, retries, timeout);
    }

    /** Runs the job no earlier than this instant. Replaces {@link #delay(Duration)}. */
    public JobOptions runAt(Instant runAt) {
        return new JobOptions(queue, null, Objects.requireNonNull(runAt, "runAt"), retries, timeout);
    }

    /** Tries a failed job this many more times instead of the task's own count. */
    public JobOptions retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout);
    }

    /** Interrupts a run that takes longer than this, instead of the task's own timeout. */
    public JobOptions timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new JobOptions(queue, delay, runAt, retries, timeout);
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

    /** The timeout override, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }
}
