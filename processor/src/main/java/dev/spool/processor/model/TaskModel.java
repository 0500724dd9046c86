package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code @Task} method.
 *
 * @param methodName the method's name
 * @param constant the name of its {@code TaskDescriptor} constant in the stub
 * @param taskName the task's unique name
 * @param queue the default queue
 * @param retries how many times a failed job is tried again
 * @param timeout how long one run may take, if limited
 * @param expires how long after it is due a job may still start, if limited
 * @param noRetryFor exception types a retry cannot fix
 * @param resultType the method's return type, {@link TypeName#VOID} for {@code void}
 * @param parameters the parameters, in order
 * @param isStatic whether the method is static
 * @param isVarargs whether the method takes variable arguments
 * @param isDeprecated whether the method or its class is deprecated
 * @param periodic its {@code @Periodic} schedule
 * @param unique its unique rule
 * @param concurrency its per-key concurrency rule
 * @param priority its {@code @Task(priority)} level, 0 for the default level
 */
public record TaskModel(
        String methodName,
        String constant,
        String taskName,
        String queue,
        int retries,
        Optional<Duration> timeout,
        Optional<Duration> expires,
        List<ClassName> noRetryFor,
        TypeName resultType,
        List<ParameterModel> parameters,
        boolean isStatic,
        boolean isVarargs,
        boolean isDeprecated,
        Optional<PeriodicModel> periodic,
        Optional<UniqueModel> unique,
        Optional<ConcurrencyModel> concurrency,
        int priority) {

    public TaskModel {
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(constant, "constant");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(resultType, "resultType");
        noRetryFor = List.copyOf(noRetryFor);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(periodic, "periodic");
        Objects.requireNonNull(unique, "unique");
        Objects.requireNonNull(concurrency, "concurrency");
    }

    /**
     * The task's {@code @Task(concurrencyKey = ..., maxConcurrent = ...)} rule.
     *
     * @param parameter the name of the parameter whose value is the key
     * @param max how many jobs with one value may run at once
     */
    public record ConcurrencyModel(String parameter, int max) {}

    /**
     * The task's {@code @Task(unique = ...)} rule.
     *
     * @param scope the name of the {@code Unique} constant (never {@code NONE})
     * @param period the {@code uniqueFor} period, for {@code FOR_PERIOD}
     */
    public record UniqueModel(String scope, Optional<Duration> period) {}

    /**
     * The task's {@code @Periodic} schedule.
     *
     * @param cron the cron expression as written
     * @param zone the time zone id
     * @param missed the name of the {@code MissedTicks} constant
     */
    public record PeriodicModel(String cron, String zone, String missed) {}

    /** Whether the method returns nothing. */
    public boolean isVoid() {
        return resultType.equals(TypeName.VOID);
    }

    /**
     * One parameter.
     *
     * @param name the name in the task method
     * @param type the declared type, without type annotations
     */
    public record ParameterModel(String name, TypeName type) {
        public ParameterModel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
