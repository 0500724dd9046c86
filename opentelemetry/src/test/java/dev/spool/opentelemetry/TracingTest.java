package dev.spool.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.worker.Worker;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Tracing against a real Redis and a real worker, exported by the SDK's in-memory exporter: the
 * enqueuer's trace continues in the run, with the attributes; a failed run is an error span.
 */
class TracingTest {

    static final TaskDescriptor<String> ECHO = TaskDescriptor.builder("Traced.echo", TypeRef.of(String.class))
            .queue("traced").param("text", TypeRef.of(String.class)).build();
    static final TaskDescriptor<Void> BOOM = TaskDescriptor.builder("Traced.boom", TypeRef.VOID)
            .queue("traced").param("text", TypeRef.of(String.class)).build();

    /** The task class. */
    public static final class Traced {
        public String echo(String text) {
            return text + " in trace " + Span.current().getSpanContext().getTraceId(); // the run's span is current
        }

        public void boom(String text) {
            throw new IllegalArgumentException(text);
        }
    }

    /** What the processor would generate. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Traced.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(ECHO, Traced.class, Traced::new, (o, a) -> o.echo(a.get(0))),
                    TaskEntry.of(BOOM, Traced.class, Traced::new, (o, a) -> {
                        o.boom(a.get(0));
                        return null;
                    }));
        }
    }

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    static OpenTelemetrySdk sdk;

    private String namespace;
    private Spool spool;
    private Worker worker;

    @BeforeAll
    static void registerTheSdk() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build())
                .buildAndRegisterGlobal();
    }

    @AfterAll
    static void unregisterTheSdk() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @BeforeEach
    void setUp() {
        EXPORTER.reset();
        namespace = LocalRedis.freshNamespace("tracing");
        spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(namespace).build();
        worker = Worker.builder(spool).taskTables(List.of(new Table())).concurrency(2)
                .interceptor(SpoolTracing.create(sdk).interceptor()).build().start();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        spool.close();
        try (JedisPooled jedis = new JedisPooled(java.net.URI.create(LocalRedis.url()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(namespace + ":*").count(1000));
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static Optional<SpanData> span(String name, String jobId) {
        return EXPORTER.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name) && jobId.equals(s.getAttributes().get(SpoolTracing.MESSAGE_ID)))
                .findFirst();
    }

    private static SpanData awaitSpan(String name, String jobId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> span(name, jobId), Optional::isPresent).orElseThrow();
    }

    @Test
    void aJobEnqueuedInsideASpanRunsAsAChildSpanOfItsPublishSpanInTheSameTrace() {
        Tracer tracer = sdk.getTracer("checkout");
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        Job<String> job;
        try (Scope ignored = checkout.makeCurrent()) {
            job = spool.enqueue(ECHO, JobOptions.defaults(), "hello");
        } finally {
            checkout.end();
        }
        String traceId = checkout.getSpanContext().getTraceId();

        assertThat(job.await(Duration.ofSeconds(10))).isEqualTo("hello in trace " + traceId);
        SpanData publish = awaitSpan("publish traced", job.id());
        SpanData process = awaitSpan("process traced", job.id());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getTraceId()).isEqualTo(traceId);
        assertThat(publish.getParentSpanId()).isEqualTo(checkout.getSpanContext().getSpanId());
        assertThat(publish.getAttributes().get(SpoolTracing.OPERATION)).isEqualTo("publish");
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(traceId);
        assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(process.getAttributes().asMap()).containsEntry(SpoolTracing.MESSAGING_SYSTEM, "spool")
                .containsEntry(SpoolTracing.DESTINATION, "traced")
                .containsEntry(SpoolTracing.MESSAGE_ID, job.id())
                .containsEntry(SpoolTracing.OPERATION, "process")
                .containsEntry(SpoolTracing.TASK, "Traced.echo")
                .containsEntry(SpoolTracing.ATTEMPT, 1L)
                .containsEntry(SpoolTracing.OUTCOME, "succeeded")
                .containsEntry(SpoolTracing.WORKER, worker.id());
    }

    @Test
    void aFailingRunIsAnErrorSpanWithTheExceptionRecorded() {
        Job<Void> job = spool.enqueue(BOOM, JobOptions.defaults().retries(0), "no stock");

        assertThatThrownBy(() -> job.await(Duration.ofSeconds(10))).isInstanceOf(JobFailedException.class);
        SpanData process = awaitSpan("process traced", job.id());
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(process.getStatus().getDescription()).isEqualTo("java.lang.IllegalArgumentException: no stock");
        assertThat(process.getAttributes().get(SpoolTracing.OUTCOME)).isEqualTo("failed");
        EventData exception = process.getEvents().stream().filter(e -> e.getName().equals("exception")).findFirst()
                .orElseThrow();
        assertThat(exception.getAttributes().asMap().toString()).contains("java.lang.IllegalArgumentException", "no stock");
        // enqueued outside any span: the publish span is the root of the job's trace
        SpanData publish = awaitSpan("publish traced", job.id());
        assertThat(publish.getParentSpanContext().isValid()).isFalse();
        assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
    }
}
