package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of type that {@code docs/types.md} allows, as generated code describes it (a {@link
 * TypeRef} built without a mapper), both as a parameter and as a result: each value comes back
 * equal and of the declared class. A type in that table that fails here would fail a job after its
 * task ran, which Spool promises never happens for a type the processor accepts.
 */
class AllowedTypesTest {

    private final Codec codec = new Codec(512 * 1024);

    enum Size { SMALL, LARGE }

    public record Photo(String uri, int width) {}

    public record Box<T>(T value, List<T> more) {}

    /** A concrete class with a no-arg constructor and setters. */
    public static final class Bean {
        private String name;
        private List<Integer> counts = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<Integer> getCounts() {
            return counts;
        }

        public void setCounts(List<Integer> counts) {
            this.counts = counts;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bean that && Objects.equals(name, that.name) && counts.equals(that.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, counts);
        }
    }

    /** A concrete class created through {@code @JsonCreator}. */
    public static final class Money {
        private final BigDecimal amount;
        private final String currency;

        @JsonCreator
        public Money(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public String getCurrency() {
            return currency;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money that && amount.equals(that.amount) && currency.equals(that.currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(amount, currency);
        }
    }

    private static TypeRef<?> of(Class<?> type) {
        return TypeRef.of(type);
    }

    private static TypeRef<?> generic(Class<?> raw, TypeRef<?>... arguments) {
        return TypeRef.parameterized(raw, arguments);
    }

    private static final TypeRef<?> STRING = of(String.class);
    private static final TypeRef<?> PHOTO = of(Photo.class);

    private static Arguments row(String type, TypeRef<?> ref, Object value) {
        return Arguments.of(type, ref, value);
    }

    static Stream<Arguments> allowed() {
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", "two");
        object.putArray("c").add(true).addNull();
        ArrayNode array = JsonNodeFactory.instance.arrayNode().add(1).add("x");
        return Stream.of(
                // primitives and their boxes, String
                row("int", of(int.class), 42),
                row("long", of(long.class), 1L << 40),
                row("double", of(double.class), 2.5),
                row("float", of(float.class), 1.25f),
                row("short", of(short.class), (short) 7),
                row("byte", of(byte.class), (byte) -3),
                row("char", of(char.class), 'z'),
                row("boolean", of(boolean.class), true),
                row("Integer", of(Integer.class), 42),
                row("Integer null", of(Integer.class), null),
                row("Long", of(Long.class), -5L),
                row("Double", of(Double.class), 0.1),
                row("Boolean", of(Boolean.class), false),
                row("Character", of(Character.class), 'q'),
                row("String", STRING, "héllo \"world\"\n"),
                row("String null", STRING, null),
                // enums
                row("enum", of(Size.class), Size.LARGE),
                row("DayOfWeek", of(DayOfWeek.class), DayOfWeek.FRIDAY),
                // concrete classes with a JSON form
                row("BigDecimal", of(BigDecimal.class), new BigDecimal("12345678901234567890.000123")),
                row("BigInteger", of(BigInteger.class), new BigInteger("123456789012345678901234567890")),
                row("UUID", of(UUID.class), UUID.fromString("2f1c7f0e-6a4e-4bd5-9b8a-1d2a3c4b5e6f")),
                row("URI", of(URI.class), URI.create("https://example.com/a?b=c")),
                // java.time
                row("Instant", of(Instant.class), Instant.parse("2024-05-06T07:08:09.123456789Z")),
                row("LocalDate", of(LocalDate.class), LocalDate.of(2024, 2, 29)),
                row("LocalDateTime", of(LocalDateTime.class), LocalDateTime.of(2024, 5, 6, 7, 8, 9, 10)),
                row("LocalTime", of(LocalTime.class), LocalTime.of(23, 59, 1)),
                row("OffsetDateTime", of(OffsetDateTime.class),
                        OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2))),
                row("OffsetTime", of(OffsetTime.class), OffsetTime.of(7, 8, 9, 0, ZoneOffset.ofHours(-5))),
                row("ZonedDateTime", of(ZonedDateTime.class),
                        ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneId.of("Europe/Paris"))),
                row("Duration", of(Duration.class), Duration.ofMillis(90_061_001)),
                row("Period", of(Period.class), Period.of(1, 2, 3)),
                row("ZoneId", of(ZoneId.class), ZoneId.of("America/New_York")),
                row("Year", of(Year.class), Year.of(2024)),
                row("YearMonth", of(YearMonth.class), YearMonth.of(2024, 5)),
                row("MonthDay", of(MonthDay.class), MonthDay.of(12, 24)),
                // Optional and its primitive forms
                row("Optional<String>", generic(Optional.class, STRING), Optional.of("SPRING10")),
                row("Optional<String> empty", generic(Optional.class, STRING), Optional.empty()),
                row("Optional<Photo>", generic(Optional.class, PHOTO), Optional.of(new Photo("a.jpg", 3))),
                row("Optional<List<Photo>>", generic(Optional.class, generic(List.class, PHOTO)),
                        Optional.of(List.of(new Photo("a.jpg", 3)))),
                row("OptionalInt", of(OptionalInt.class), OptionalInt.of(7)),
                row("OptionalInt empty", of(OptionalInt.class), OptionalInt.empty()),
                row("OptionalLong", of(OptionalLong.class), OptionalLong.of(1L << 50)),
                row("OptionalDouble", of(OptionalDouble.class), OptionalDouble.of(0.5)),
                // arrays
                row("Photo[]", of(Photo[].class), new Photo[] {new Photo("a", 1), new Photo("b", 2)}),
                row("int[]", of(int[].class), new int[] {1, 2, 3}),
                row("byte[]", of(byte[].class), new byte[] {0, -1, 127, -128}),
                row("String[][]", of(String[][].class), new String[][] {{"a"}, {"b", "c"}}),
                // collections
                row("List<String>", generic(List.class, STRING), List.of("a", "b")),
                row("List<Photo>", generic(List.class, PHOTO), List.of(new Photo("a", 1))),
                row("List<List<Integer>>", generic(List.class, generic(List.class, of(Integer.class))),
                        List.of(List.of(1, 2), List.of())),
                row("Set<String>", generic(Set.class, STRING), Set.of("a", "b")),
                row("SortedSet<String>", generic(SortedSet.class, STRING), new TreeSet<>(List.of("b", "a"))),
                row("NavigableSet<Integer>", generic(NavigableSet.class, of(Integer.class)),
                        new TreeSet<>(List.of(3, 1))),
                row("ArrayList<String>", generic(ArrayList.class, STRING), new ArrayList<>(List.of("x"))),
                row("LinkedList<String>", generic(LinkedList.class, STRING), new LinkedList<>(List.of("x", "y"))),
                row("HashSet<Size>", generic(HashSet.class, of(Size.class)), new HashSet<>(List.of(Size.SMALL))),
                row("LinkedHashSet<String>", generic(LinkedHashSet.class, STRING),
                        new LinkedHashSet<>(List.of("z", "a"))),
                // maps, with each kind of key
                row("Map<String, Photo>", generic(Map.class, STRING, PHOTO), Map.of("k", new Photo("a", 1))),
                row("Map<Integer, String>", generic(Map.class, of(Integer.class), STRING), Map.of(1, "one")),
                row("Map<Long, String>", generic(Map.class, of(Long.class), STRING), Map.of(1L << 40, "big")),
                row("Map<Boolean, String>", generic(Map.class, of(Boolean.class), STRING), Map.of(true, "yes")),
                row("Map<Character, String>", generic(Map.class, of(Character.class), STRING), Map.of('c', "see")),
                row("Map<Double, String>", generic(Map.class, of(Double.class), STRING), Map.of(1.5, "x")),
                row("Map<Size, Integer>", generic(Map.class, of(Size.class), of(Integer.class)),
                        Map.of(Size.SMALL, 1)),
                row("Map<UUID, String>", generic(Map.class, of(UUID.class), STRING),
                        Map.of(UUID.fromString("2f1c7f0e-6a4e-4bd5-9b8a-1d2a3c4b5e6f"), "id")),
                row("SortedMap<String, Integer>", generic(SortedMap.class, STRING, of(Integer.class)),
                        new TreeMap<>(Map.of("b", 2, "a", 1))),
                row("NavigableMap<Integer, String>", generic(NavigableMap.class, of(Integer.class), STRING),
                        new TreeMap<>(Map.of(2, "b", 1, "a"))),
                row("HashMap<String, List<Integer>>",
                        generic(HashMap.class, STRING, generic(List.class, of(Integer.class))),
                        new HashMap<>(Map.of("a", List.of(1)))),
                row("LinkedHashMap<String, String>", generic(LinkedHashMap.class, STRING, STRING),
                        new LinkedHashMap<>(Map.of("a", "b"))),
                // records and other concrete classes
                row("record", PHOTO, new Photo("p.png", 640)),
                row("generic record", generic(Box.class, PHOTO),
                        new Box<>(new Photo("a", 1), List.of(new Photo("b", 2)))),
                row("bean", of(Bean.class), bean("n", List.of(1, 2))),
                row("@JsonCreator class", of(Money.class), new Money(new BigDecimal("9.99"), "EUR")),
                // JSON trees
                row("JsonNode", of(JsonNode.class), object),
                row("ObjectNode", of(ObjectNode.class), object),
                row("ArrayNode", of(ArrayNode.class), array),
                // Void results
                row("Void", TypeRef.VOID, null));
    }

    private static Bean bean(String name, List<Integer> counts) {
        Bean bean = new Bean();
        bean.setName(name);
        bean.setCounts(counts);
        return bean;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void asParameter(String name, TypeRef<?> type, Object value) {
        TaskDescriptor<Void> task = TaskDescriptor.builder("Types.take", TypeRef.VOID)
                .param("before", STRING).param("value", type).param("after", STRING).build();
        String json = codec.encodeArguments(task, new Object[] {"x", value, "y"});
        Object[] decoded = codec.decodeArguments(task, json);
        assertThat(decoded[0]).isEqualTo("x");
        assertSame(type, value, decoded[1]);
        assertThat(decoded[2]).isEqualTo("y");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    @SuppressWarnings("unchecked")
    void asResult(String name, TypeRef<?> type, Object value) {
        TypeRef<Object> result = (TypeRef<Object>) type;
        String json = codec.encode(result, value);
        assertSame(type, value, codec.decode(result, json));
    }

    @org.junit.jupiter.api.Test
    void aNullJsonNodeArrivesAsNullNode() {
        TaskDescriptor<Void> task = TaskDescriptor.builder("Types.tree", TypeRef.VOID)
                .param("tree", of(JsonNode.class)).build();
        Object[] decoded = codec.decodeArguments(task, codec.encodeArguments(task, new Object[] {null}));
        assertThat(decoded[0]).isEqualTo(com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    private static void assertSame(TypeRef<?> type, Object expected, Object actual) {
        if (expected instanceof Optional<?> optional && optional.isEmpty()) {
            assertThat(actual).isEqualTo(Optional.empty()); // null and empty both travel as JSON null
            return;
        }
        assertThat(actual).isEqualTo(expected);
        if (expected != null && !type.isPrimitive()) {
            assertThat(actual).isInstanceOf(type.javaType().getRawClass());
        }
    }
}
