package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.DeadLetters;
import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.PayloadTooLargeException;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.JobIds;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.spi.TypeRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 7: payloads no Spool client would write, put straight into a queue. Each ends dead with a
 * readable reason after one attempt (no retry, although the task allows 3), the handler is never
 * invoked, no class named in a payload is ever constructed, and the worker keeps processing.
 */
class HostileInputTest {

    private static final int MAX_PAYLOAD = 64 * 1024;
    private static final String CODEC = "dev.spool.CodecException";
    private static final String CANARY = FaultTasks.Canary.class.getName();

    private static FaultNamespace world;
    private static Spool spool;
    private static QueueKeys queue;

    @BeforeAll
    static void startWorker() {
        world = new FaultNamespace("hostile");
        spool = world.track(Spool.builder().redisUrl(world.url).namespace(world.namespace).maxPayloadBytes(MAX_PAYLOAD).build());
        queue = Access.core(spool).keys().queue("fault");
        world.worker(spool, 2, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    static Stream<Arguments> cases() {
        byte[] binary = new byte[512];
        new Random(7).nextBytes(binary);
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                Arguments.of("not JSON", text("Fault.accept\n3\n\n[this is not json"), CODEC),
                Arguments.of("truncated JSON", text("Fault.accept\n3\n\n[{\"name\":\"a\""), CODEC),
                Arguments.of("empty payload", text(""), CODEC),
                Arguments.of("no header", text("{\"task\":\"Fault.accept\"}"), CODEC),
                Arguments.of("binary", binary, CODEC),
                Arguments.of("binary after a header", concat("Fault.accept\n3\n\n[".getBytes(StandardCharsets.UTF_8), binary), CODEC),
                Arguments.of("unknown task", text("Nope.never\n0\n\n[]"), "dev.spool.UnknownTask"),
                Arguments.of("too few arguments", text("Fault.accept\n3\n\n[{\"name\":\"a\"}]"), CODEC),
                Arguments.of("too many arguments", text("Fault.accept\n3\n\n[{\"name\":\"a\"},1,2]"), CODEC),
                Arguments.of("arguments not an array", text("Fault.accept\n3\n\n[{\"name\":\"a\"},1"), CODEC),
                Arguments.of("string for int", text("Fault.accept\n3\n\n[{\"name\":\"a\"},\"abc\"]"), CODEC),
                Arguments.of("null for primitive", text("Fault.accept\n3\n\n[{\"name\":\"a\"},null]"), CODEC),
                Arguments.of("float for int", text("Fault.accept\n3\n\n[{\"name\":\"a\"},1.5]"), CODEC),
                Arguments.of("extra field", text("Fault.accept\n3\n\n[{\"name\":\"a\",\"admin\":true},1]"), CODEC),
                Arguments.of("@class property", text("Fault.accept\n3\n\n[{\"@class\":\"" + CANARY + "\",\"name\":\"a\"},1]"), CODEC),
                Arguments.of("type-id array", text("Fault.accept\n3\n\n[[\"" + CANARY + "\",{\"name\":\"a\"}],1]"), CODEC),
                Arguments.of("type-id array for Object", text("Fault.tree\n3\n\n[[[\"" + CANARY + "\",{\"name\":\"a\"}]]]"), "ok"),
                Arguments.of("bad retries header", text("Fault.accept\nmany\n\n[{\"name\":\"a\"},1]"), CODEC),
                Arguments.of("deeply nested", text("Fault.tree\n3\n\n[" + deep + "]"), CODEC),
                Arguments.of("huge string", text("Fault.accept\n3\n\n[{\"name\":\"" + "x".repeat(3 * MAX_PAYLOAD) + "\"},1]"),
                        "dev.spool.PayloadTooLarge"),
                Arguments.of("long string within the payload limit but over no other bound",
                        text("Fault.accept\n3\n\n[{\"name\":\"" + "y".repeat(MAX_PAYLOAD / 2) + "\",\"x\":1},1]"), CODEC));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Writes a raw payload into the queue the way the enqueue script does, bypassing every client check. */
    private static String inject(byte[] payload) {
        String id = JobIds.next();
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        world.jedis.hset(queue.waiting().getBytes(StandardCharsets.UTF_8), idBytes, payload);
        world.jedis.lpush(queue.ready().getBytes(StandardCharsets.UTF_8), idBytes);
        world.jedis.lpush(queue.signal(), "1");
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostilePayloadIsDeadLetteredWithoutRunningTheHandler(String name, byte[] payload, String reason) {
        int acceptedBefore = FaultTasks.ACCEPTED.get();
        String id = inject(payload);
        Job<Object> job = spool.job("fault", id, TypeRef.of(Object.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> job.status().isFinal());
        if (reason.equals("ok")) {
            // An Object parameter decodes to plain lists and maps: the class name is just a string.
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(FaultTasks.Canary.CONSTRUCTED).hasValue(0);
            return;
        }
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        DeadLetters.DeadJob dead = spool.deadLetters("fault").get(id).orElseThrow();
        assertThat(dead.failure().exceptionClass()).isEqualTo(reason);
        assertThat(dead.failure().message()).isNotBlank();
        assertThat(dead.failure().attempts()).isEqualTo(1);
        assertThat(dead.history()).hasSize(1);
        assertThat(dead.history().get(0).error()).isEqualTo(reason);
        assertThat(dead.payload()).isNotNull();
        assertThat(world.jedis.hget(world.jobKey(id), "n")).isEqualTo("1"); // never retried
        assertThat(FaultTasks.ACCEPTED.get()).isEqualTo(acceptedBefore);
        assertThat(FaultTasks.Canary.CONSTRUCTED).hasValue(0);

        // The worker keeps processing.
        Job<Integer> good = spool.enqueue(FaultTasks.ACCEPT, JobOptions.defaults(), new FaultTasks.Named("fine"), 7);
        assertThat(good.await(Duration.ofSeconds(10))).isEqualTo(7);
    }

    @Test
    void theProducerRefusesArgumentsOverTheLimitBeforeWriting() {
        long waiting = world.jedis.hlen(queue.waiting());
        assertThatThrownBy(() -> spool.enqueue(FaultTasks.ACCEPT, JobOptions.defaults(),
                new FaultTasks.Named("z".repeat(MAX_PAYLOAD + 1)), 1))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(world.jedis.hlen(queue.waiting())).isEqualTo(waiting);
    }

    @Test
    void manyHostilePayloadsInARowDoNotStopTheWorker() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(inject(text(i % 2 == 0 ? "garbage " + i : "Fault.accept\n3\n\n[{\"name\":1},1]")));
        }
        Job<Integer> good = spool.enqueue(FaultTasks.ACCEPT, JobOptions.defaults(), new FaultTasks.Named("after"), 3);
        assertThat(good.await(Duration.ofSeconds(20))).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> spool.job("fault", id, TypeRef.of(Object.class)).status() == JobStatus.FAILED));
        assertThat(FaultTasks.Canary.CONSTRUCTED).hasValue(0);
    }
}
