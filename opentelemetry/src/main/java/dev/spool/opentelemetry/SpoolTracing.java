package dev.spool.opentelemetry;

import dev.spool.worker.JobInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;

/**
 * OpenTelemetry tracing for Spool, on the OpenTelemetry API only.
 *
 * <ul>
 *   <li><b>Enqueue</b>: with this module on the class path, every job a {@link dev.spool.Spool}
 *       client enqueues gets a producer span {@code publish <queue>}, a child of the enqueueing
 *       thread's current span, and carries that span's W3C trace context ({@code traceparent}) in
 *       its payload ({@link TraceContextPropagator}, found by {@link java.util.ServiceLoader}; it
 *       uses {@link io.opentelemetry.api.GlobalOpenTelemetry} and does nothing until that is set).
 *   <li><b>Run</b>: {@link #interceptor()} makes every run a consumer span {@code process
 *       <queue>}, a child of the job's publish span (so of the enqueuer's trace), current while the
 *       task runs, with the task, queue, job id, attempt and outcome; a failed run has status
 *       {@code ERROR} and the exception recorded.
 * </ul>
 *
 * <pre>{@code
 * Worker worker = Worker.builder(spool)
 *         .interceptor(SpoolTracing.create(openTelemetry).interceptor())
 *         .build().start();
 * }</pre>
 *
 * <p>Attribute names follow OpenTelemetry's messaging conventions where they fit ({@code
 * messaging.system = spool}, {@code messaging.destination.name}, {@code messaging.message.id},
 * {@code messaging.operation}); the rest are Spool's own ({@code spool.task}, {@code
 * spool.attempt}, {@code spool.outcome}).
 */
public final class SpoolTracing {

    /** The instrumentation scope of Spool's spans. */
    public static final String SCOPE = "dev.spool";

    /** {@code messaging.system}: always {@code spool}. */
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    /** {@code messaging.destination.name}: the queue. */
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    /** {@code messaging.message.id}: the job id. */
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** {@code messaging.operation}: {@code publish} at enqueue, {@code process} for a run. */
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    /** {@code messaging.operation.type} (the newer convention): {@code send} at enqueue, {@code process} for a run. */
    public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    /** {@code spool.task}: the task name. */
    public static final AttributeKey<String> TASK = AttributeKey.stringKey("spool.task");
    /** {@code spool.attempt}: which run this is, from 1. */
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("spool.attempt");
    /** {@code spool.outcome}: how the run ended as the interceptor saw it, {@code succeeded} or {@code failed}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("spool.outcome");
    /** {@code spool.worker}: the id of the worker that ran it. */
    public static final AttributeKey<String> WORKER = AttributeKey.stringKey("spool.worker");

    private final Tracer tracer;

    private SpoolTracing(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE);
    }

    /** Tracing with this OpenTelemetry instance (its tracer provider). */
    public static SpoolTracing create(OpenTelemetry openTelemetry) {
        return new SpoolTracing(openTelemetry);
    }

    /** The interceptor that makes every run a child span of its job's enqueue; add it to a worker. */
    public JobInterceptor interceptor() {
        return new TracingInterceptor(tracer);
    }
}
