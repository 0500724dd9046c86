package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import dev.spool.CodecException;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import dev.spool.test.TestTasks;
import dev.spool.test.TestTasks.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    private final Codec codec = new Codec(512 * 1024);

    enum Color { RED, GREEN }

    record Shape(Color color, List<Point> points) {}

    private static final TaskDescriptor<Void> OBJECTS = TaskDescriptor.builder("t.objects", TypeRef.VOID)
            .param("anything", TypeRef.of(Object.class)).param("shape", TypeRef.of(Shape.class)).build();

    @Test
    void argumentsRoundTripWithDeclaredGenericTypes() {
        List<Map<String, Point>> points = List.of(Map.of("a", new Point(1, 2)));
        Instant at = Instant.parse("2024-05-06T07:08:09.123Z");
        String json = codec.encodeArguments(TestTasks.MIRROR, new Object[] {points, at});
        assertThat(json).isEqualTo("[[{\"a\":{\"x\":1,\"y\":2}}],\"2024-05-06T07:08:09.123Z\"]");
        Object[] decoded = codec.decodeArguments(TestTasks.MIRROR, json);
        assertThat(decoded[0]).isEqualTo(points);
        assertThat(((List<?>) decoded[0]).get(0)).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) ((List<?>) decoded[0]).get(0)).get("a")).isInstanceOf(Point.class);
        assertThat(decoded[1]).isEqualTo(at);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noDefaultTypingEver() {
        for (TypeRef<?> type : List.of(TypeRef.of(Object.class), TypeRef.of(Shape.class), TestTasks.NESTED)) {
            JavaType javaType = type.javaType();
            assertThat(codec.mapper().getDeserializationConfig().getDefaultTyper(javaType)).isNull();
            assertThat(codec.mapper().getSerializationConfig().getDefaultTyper(javaType)).isNull();
        }
        // A class name in the payload never picks the type: Object decodes to plain maps/lists ...
        Object[] values = codec.decodeArguments(OBJECTS,
                "[{\"@class\":\"java.net.URL\",\"x\":1},{\"color\":\"RED\",\"points\":[]}]");
        assertThat(values[0]).isInstanceOf(Map.class);
        List<Object> list = (List<Object>) codec.decodeArguments(OBJECTS,
                "[[\"java.util.concurrent.atomic.AtomicLong\",5],{\"color\":\"RED\",\"points\":[]}]")[0];
        assertThat(list).containsExactly("java.util.concurrent.atomic.AtomicLong", 5);
        // ... and a declared type refuses the extra property.
        assertThatThrownBy(() -> codec.decodeArguments(OBJECTS,
                "[1,{\"@class\":\"java.lang.ProcessBuilder\",\"color\":\"RED\",\"points\":[]}]"))
                .isInstanceOf(CodecException.class).hasMessageContaining("shape");
    }

    @Test
    void strictScalars() {
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[\"1\",2]"))
                .isInstanceOf(CodecException.class).hasMessageContaining("argument 0 (a)");
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[\"abc\",2]")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[1.5,2]")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[null,2]")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[true,2]")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.BOOM, "[12]")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decode(TypeRef.of(Color.class), "0")).isInstanceOf(CodecException.class);
        assertThat(codec.decode(TypeRef.of(Color.class), "\"GREEN\"")).isEqualTo(Color.GREEN);
        assertThatThrownBy(() -> codec.decode(TypeRef.of(Point.class), "{\"x\":1,\"y\":2,\"z\":3}"))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void wrongTypesHaveReadableReasons() {
        record Case(TaskDescriptor<?> task, String json) {}
        TaskDescriptor<Void> shapes = TaskDescriptor.builder("t.shapes", TypeRef.VOID)
                .param("shape", TypeRef.of(Shape.class)).build();
        List<Case> cases = List.of(new Case(TestTasks.ADD, "[\"1\",2]"), new Case(TestTasks.ADD, "[1.5,2]"),
                new Case(TestTasks.ADD, "[true,2]"), new Case(TestTasks.BOOM, "[12]"),
                new Case(shapes, "[{\"color\":\"RED\",\"points\":[{\"x\":\"1\",\"y\":2}]}]"),
                new Case(shapes, "[{\"color\":0,\"points\":[]}]"),
                new Case(shapes, "[{\"color\":\"RED\",\"points\":[],\"z\":1}]"));
        for (Case c : cases) {
            String reason = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> codec.decodeArguments(c.task(), c.json()), CodecException.class).getMessage();
            assertThat(reason).doesNotContainIgnoringCase("coercion").doesNotContain("Feature")
                    .doesNotContain("[Source").doesNotContain("enable");
        }
        assertThat(catchMessage(shapes, "[{\"color\":\"RED\",\"points\":[{\"x\":\"1\",\"y\":2}]}]"))
                .contains("argument 0 (shape) of task t.shapes", "(at points[0].x)");
        assertThat(catchMessage(TestTasks.ADD, "[\"1\",2]"))
                .endsWith("argument 0 (a) of task Calc.add does not decode as int: expected `int`, found a JSON String"
                        + " value (\"1\")");
        assertThat(catchMessage(shapes, "[{\"color\":\"RED\",\"points\":[],\"z\":1}]"))
                .contains("Unrecognized field \"z\"", "has no such property (at z)");
    }

    private String catchMessage(TaskDescriptor<?> task, String json) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> codec.decodeArguments(task, json), CodecException.class).getMessage();
    }

    @Test
    void wrongArityIsAnError() {
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[1]"))
                .isInstanceOf(CodecException.class).hasMessageContaining("takes 2 arguments");
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[1,2,3]"))
                .isInstanceOf(CodecException.class).hasMessageContaining("takes 2 arguments");
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "{}")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeArguments(TestTasks.ADD, "[1,2] x")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.encodeArguments(TestTasks.ADD, new Object[] {1}))
                .isInstanceOf(CodecException.class).hasMessageContaining("takes 2 arguments");
        assertThatThrownBy(() -> codec.encodeArguments(TestTasks.ADD, new Object[] {null, 1}))
                .isInstanceOf(CodecException.class).hasMessageContaining("null");
    }

    @Test
    void boundedNestingAndStringLength() {
        String deep = "[" + "[".repeat(300) + "]".repeat(300) + "]";
        assertThatThrownBy(() -> codec.decodeArguments(OBJECTS, deep.substring(0, deep.length() - 1) + ",{}]"))
                .isInstanceOf(CodecException.class);
        Codec small = new Codec(2048);
        String longString = "\"" + "x".repeat(5000) + "\"";
        assertThatThrownBy(() -> small.decode(TypeRef.of(String.class), longString)).isInstanceOf(CodecException.class);
    }

    @Test
    void payloadsPackAndUnpack() {
        Payload payload = new Payload("Calc.add", 3, 1500, "[1,2]");
        assertThat(Payload.unpack(payload.pack())).isEqualTo(payload);
        assertThat(Payload.unpack("Calc.add\n0\n\nx=future extension\n[1,2]"))
                .isEqualTo(new Payload("Calc.add", 0, 0, "[1,2]"));
        Payload carrying = new Payload("Calc.add", 0, 0, "[1,2]", List.of(), 0,
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(carrying.pack()).isEqualTo(
                "Calc.add\n0\n\ncx:traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n[1,2]");
        assertThat(Payload.unpack(carrying.pack())).isEqualTo(carrying);
        assertThat(Payload.unpack("Calc.add\n0\n\nv:1\n[1,2]")).isEqualTo(new Payload("Calc.add", 0, 0, "[1,2]"));
        assertThatThrownBy(() -> Payload.unpack("Calc.add\n0\n\nv:2\n[1,2]")).isInstanceOf(CodecException.class)
                .hasMessage("payload of task \"Calc.add\" has format version 2; this worker reads version 1 (upgrade the worker)");
        assertThatThrownBy(() -> Payload.unpack("garbage")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Payload.unpack("t\nx\n\n[]")).isInstanceOf(CodecException.class);
    }

    @Test
    void jobIdsAreShortUniqueAndTimeOrdered() throws Exception {
        String first = JobIds.next();
        Thread.sleep(2);
        String second = JobIds.next();
        assertThat(first).hasSize(14).matches("[0-9A-Za-z]+");
        assertThat(first).isLessThan(second);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(JobIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }
}
