package dev.spool.opentelemetry;

import dev.spool.spi.JobContextPropagator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The enqueue side of {@link SpoolTracing}, found by {@link java.util.ServiceLoader}: for every job,
 * a producer span {@code publish <queue>} (a child of the enqueueing thread's current span) whose
 * W3C trace context ({@code traceparent}, and {@code tracestate} if any) the job carries. It uses
 * {@link GlobalOpenTelemetry} and does nothing while that is not set, so it never sets it to a
 * no-op for the application. The span marks the enqueue; it does not time the write to Redis.
 */
public final class TraceContextPropagator implements JobContextPropagator {

    @Override
    public Map<String, String> inject(Outgoing job) {
        if (!GlobalOpenTelemetry.isSet()) {
            return Map.of();
        }
        Context parent = Context.current();
        Span span = GlobalOpenTelemetry.getTracer(SpoolTracing.SCOPE).spanBuilder("publish " + job.queue())
                .setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute(SpoolTracing.MESSAGING_SYSTEM, "spool")
                .setAttribute(SpoolTracing.DESTINATION, job.queue())
                .setAttribute(SpoolTracing.MESSAGE_ID, job.id())
                .setAttribute(SpoolTracing.OPERATION, "publish")
                .setAttribute(SpoolTracing.OPERATION_TYPE, "send")
                .setAttribute(SpoolTracing.TASK, job.task())
                .startSpan();
        try {
            Map<String, String> carrier = new LinkedHashMap<>();
            W3CTraceContextPropagator.getInstance().inject(parent.with(span), carrier, (c, key, value) -> c.put(key, value));
            return carrier;
        } finally {
            span.end();
        }
    }
}
