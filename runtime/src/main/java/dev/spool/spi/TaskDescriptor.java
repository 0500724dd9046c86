package dev.spool.spi;

import dev.spool.JobOptions;
import dev.spool.annotations.MissedTicks;
import dev.spool.annotations.Unique;
import dev.spool.internal.Cron;
import dev.spool.naming.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Spool knows about one task: its name, default queue, retry and timeout settings, and
 * the types of its parameters and result. Generated stubs hold one as a constant per task, and the
 * worker's dispatch table uses the same constant to decode arguments.
 *
 * @param <R> the task's result type ({@link Void} for a {@code void} method)
 */
public final class TaskDescriptor<R> {

    /** The queue used when a task names none. */
    public static final String DEFAULT_QUEUE = "default";

    private final String name;
    private final String queue;
    private final int retries;
    private final Duration timeout;
    private final Duration expiresIn;
    private final TypeRef<R> resultType;
    private final List<Parameter> parameters;
    private final List<Class<? extends Throwable>> noRetryFor;
    private final Periodic periodic;
    private final UniqueRule unique;
    private final ConcurrencyRule concurrency;
    private final int priority;

    private TaskDescriptor(Builder<R> builder) {
        this.name = builder.name;
        this.queue = builder.queue;
        this.retries = builder.retries;
        this.timeout = builder.timeout;
        this.expiresIn = builder.expiresIn;
        this.resultType = builder.resultType;
        this.parameters = List.copyOf(builder.parameters);
        this.noRetryFor = List.copyOf(builder.noRetryFor);
        this.periodic = builder.periodic;
        this.unique = builder.unique;
        this.concurrency = builder.concurrency();
        this.priority = builder.priority;
    }

    /** Starts a descriptor for the task with this name ({@link Names#TASK_NAME_RULE}) and result type. */
    public static <R> Builder<R> builder(String name, TypeRef<R> resultType) {
        return new Builder<>(name, resultType);
    }

    /** The task's unique name, e.g. {@code Thumbnails.render}. */
    public String name() {
        return name;
    }

    /** The queue jobs go to unless a call overrides it. */
    public String queue() {
        return queue;
    }

    /** How many times a failed job is tried again before it fails for good. */
    public int retries() {
        return retries;
    }

    /** How long one run may take, if limited. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * How long after it is due a job may still start; one fetched later is discarded unrun
     * ({@link dev.spool.JobStatus#EXPIRED}). From {@code @Task(expires = ...)}; empty for no limit.
     */
    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    /**
     * Exception types a retry cannot fix: when the task throws one (or a subclass, or an exception
     * caused by one), the job fails for good at once. From {@code @Task(noRetryFor = ...)}.
     */
    public List<Class<? extends Throwable>> noRetryFor() {
        return noRetryFor;
    }

    /**
     * The priority level of the task's jobs inside their queue, from {@link JobOptions#MIN_PRIORITY}
     * to {@link JobOptions#MAX_PRIORITY}; 0 (the default level) unless {@code @Task(priority)}
     * says otherwise. A call's {@code JobOptions.priority} replaces it.
     */
    public int priority() {
        return priority;
    }

    /** The type of the task's result. */
    public TypeRef<R> resultType() {
        return resultType;
    }

    /** The task's parameters, in declaration order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "task " + name;
    }

    /**
     * One parameter of a task.
     *
     * @param name the parameter's name in the task method
     * @param type the parameter's declared type
     */
    public record Parameter(String name, TypeRef<?> type) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The task's {@code @Periodic} schedule, which the workers of its queue register when they start.
     */
    public Optional<Periodic> periodic() {
        return Optional.ofNullable(periodic);
    }

    /**
     * A task's cron schedule.
     *
     * @param cron the cron expression (six fields with seconds first, or five)
     * @param zone the IANA time zone it is read in
     * @param missed what happens to ticks missed while no worker ran
     */
    public record Periodic(String cron, String zone, MissedTicks missed) {
        public Periodic {
            Cron.parse(cron, zone);
            Objects.requireNonNull(missed, "missed");
        }
    }

    /**
     * The task's {@code @Task(unique = ...)} rule: its jobs are unique by their arguments. A call's
     * {@code JobOptions.unique(...)} replaces it.
     */
    public Optional<UniqueRule> unique() {
        return Optional.ofNullable(unique);
    }

    /**
     * How a task's jobs are unique.
     *
     * @param scope how long a job holds its key (never {@link Unique#NONE})
     * @param period the period of {@link Unique#FOR_PERIOD}; null for the other scopes
     */
    public record UniqueRule(Unique scope, Duration period) {
        public UniqueRule {
            Objects.requireNonNull(scope, "scope");
            if (scope == Unique.NONE) {
                throw new IllegalArgumentException("a unique rule needs a scope other than NONE");
            }
            if ((scope == Unique.FOR_PERIOD) != (period != null)) {
                throw new IllegalArgumentException("a period goes with FOR_PERIOD, and only with it");
            }
            if (period != null && (period.isNegative() || period.isZero())) {
                throw new IllegalArgumentException("the unique period must be positive: " + period);
            }
        }
    }

    /**
     * The task's {@code @Task(concurrencyKey = ..., maxConcurrent = ...)} rule: at most {@code max}
     * of its jobs with the same value of one parameter run at once across all workers.
     */
    public Optional<ConcurrencyRule> concurrency() {
        return Optional.ofNullable(concurrency);
    }

    /**
     * How many of a task's jobs with one key value may run at once.
     *
     * @param parameter the name of the parameter whose value is the key
     * @param index that parameter's position, from 0
     * @param max how many jobs with one value may run at once, from 1 to {@link #MAX_CONCURRENT}
     */
    public record ConcurrencyRule(String parameter, int index, int max) {
        public ConcurrencyRule {
            Objects.requireNonNull(parameter, "parameter");
            if (max < 1 || max > MAX_CONCURRENT) {
                throw new IllegalArgumentException("maxConcurrent must be from 1 to " + MAX_CONCURRENT + ": " + max);
            }
        }
    }

    /** The largest {@code maxConcurrent}. */
    public static final int MAX_CONCURRENT = 1000;

    /** Builds a {@link TaskDescriptor}. */
    public static final class Builder<R> {
        private final String name;
        private final TypeRef<R> resultType;
        private String queue = DEFAULT_QUEUE;
        private int retries;
        private Duration timeout;
        private Duration expiresIn;
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<Class<? extends Throwable>> noRetryFor = new ArrayList<>();
        private Periodic periodic;
        private UniqueRule unique;
        private String concurrencyKey;
        private int maxConcurrent;
        private int priority;

        private Builder(String name, TypeRef<R> resultType) {
            Objects.requireNonNull(name, "name");
            Names.taskNameProblem(name).ifPresent(problem -> {
                throw new IllegalArgumentException("invalid task name \"" + name + "\": " + problem + "; use "
                        + Names.TASK_NAME_RULE);
            });
            this.name = name;
            this.resultType = Objects.requireNonNull(resultType, "resultType");
        }

        /** The default queue; the name follows {@link Names#QUEUE_RULE}. */
        public Builder<R> queue(String queue) {
            Objects.requireNonNull(queue, "queue");
            Names.queueProblem(queue).ifPresent(problem -> {
                throw new IllegalArgumentException("invalid queue name \"" + queue + "\" for task " + name + ": "
                        + problem + "; use " + Names.QUEUE_RULE);
            });
            this.queue = queue;
            return this;
        }

        /** How many times a failed job is tried again. */
        public Builder<R> retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative: " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** How long one run may take. */
        public Builder<R> timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long after it is due a job may still start (see {@link TaskDescriptor#expiresIn()}); positive. */
        public Builder<R> expiresIn(Duration expiresIn) {
            if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
                throw new IllegalArgumentException("expiresIn must be positive: " + expiresIn);
            }
            this.expiresIn = expiresIn;
            return this;
        }

        /** Exception types not worth retrying (see {@link TaskDescriptor#noRetryFor()}). */
        @SafeVarargs
        public final Builder<R> noRetryFor(Class<? extends Throwable>... types) {
            for (Class<? extends Throwable> type : types) {
                noRetryFor.add(Objects.requireNonNull(type, "type"));
            }
            return this;
        }

        /** The priority level of the task's jobs (see {@link TaskDescriptor#priority()}). */
        public Builder<R> priority(int priority) {
            if (priority < JobOptions.MIN_PRIORITY || priority > JobOptions.MAX_PRIORITY) {
                throw new IllegalArgumentException("priority of task " + name + " must be from " + JobOptions.MIN_PRIORITY
                        + " to " + JobOptions.MAX_PRIORITY + ": " + priority);
            }
            this.priority = priority;
            return this;
        }

        /** Adds the next parameter. */
        public Builder<R> param(String name, TypeRef<?> type) {
            parameters.add(new Parameter(name, type));
            return this;
        }

        /** Runs the task, which takes no parameters, on this cron schedule ({@code @Periodic}). */
        public Builder<R> periodic(String cron, String zone, MissedTicks missed) {
            this.periodic = new Periodic(cron, zone, missed);
            return this;
        }

        /** Makes the task's jobs unique by their arguments while they are queued or until they finish. */
        public Builder<R> unique(Unique scope) {
            this.unique = scope == Unique.NONE ? null : new UniqueRule(scope, null);
            return this;
        }

        /** Makes the task's jobs unique by their arguments for {@code period} from each enqueue ({@link Unique#FOR_PERIOD}). */
        public Builder<R> unique(Unique scope, Duration period) {
            this.unique = new UniqueRule(scope, period);
            return this;
        }

        /**
         * Lets at most {@code maxConcurrent} jobs with the same value of parameter {@code parameter}
         * (added with {@link #param} before {@link #build}) run at once ({@code @Task(concurrencyKey)}).
         */
        public Builder<R> concurrencyKey(String parameter, int maxConcurrent) {
            this.concurrencyKey = Objects.requireNonNull(parameter, "parameter");
            this.maxConcurrent = maxConcurrent;
            return this;
        }

        private ConcurrencyRule concurrency() {
            if (concurrencyKey == null) {
                return null;
            }
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i).name().equals(concurrencyKey)) {
                    return new ConcurrencyRule(concurrencyKey, i, maxConcurrent);
                }
            }
            throw new IllegalArgumentException("concurrencyKey \"" + concurrencyKey + "\" of task " + name
                    + " names no parameter; its parameters: " + parameters.stream().map(Parameter::name).toList());
        }

        /** The descriptor. */
        public TaskDescriptor<R> build() {
            return new TaskDescriptor<>(this);
        }
    }
}
