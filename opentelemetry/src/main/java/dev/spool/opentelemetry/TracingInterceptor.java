package dev.spool.opentelemetry;

import dev.spool.JobContext;
import dev.spool.worker.JobInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** One consumer span per run, a child of the trace context the job carries (see {@link SpoolTracing}). */
final class TracingInterceptor implements JobInterceptor {

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    TracingInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Object intercept(JobContext job, Invocation next) throws Exception {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), job.propagated(), GETTER);
        Span span = tracer.spanBuilder("process " + job.queue()).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute(SpoolTracing.MESSAGING_SYSTEM, "spool")
                .setAttribute(SpoolTracing.DESTINATION, job.queue())
                .setAttribute(SpoolTracing.MESSAGE_ID, job.id())
                .setAttribute(SpoolTracing.OPERATION, "process")
                .setAttribute(SpoolTracing.OPERATION_TYPE, "process")
                .setAttribute(SpoolTracing.TASK, job.task())
                .setAttribute(SpoolTracing.ATTEMPT, (long) job.attempt())
                .setAttribute(SpoolTracing.WORKER, job.workerId())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Object result = next.proceed();
            span.setAttribute(SpoolTracing.OUTCOME, "succeeded");
            return result;
        } catch (Throwable e) {
            span.setAttribute(SpoolTracing.OUTCOME, "failed");
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getName() + ": " + e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
