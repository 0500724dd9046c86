package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of {@code docs/types.md}: which parameter and result types JSON carries faithfully. */
class TypeRulesTest {

    private static JavaFileObject parameter(String type) {
        return source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Example {",
                "    public enum Size { SMALL, LARGE }",
                "",
                "    public record Photo(String uri) {}",
                "",
                "    @Task",
                "    public void run(" + type + " value) {}",
                "}");
    }

    private static JavaFileObject result(String type) {
        return source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Example {",
                "    public enum Size { SMALL, LARGE }",
                "",
                "    public record Photo(String uri) {}",
                "",
                "    @Task",
                "    public " + type + " run() {",
                "        throw new UnsupportedOperationException();",
                "    }",
                "}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Object                                              | Object does not say what to decode the JSON into",
        "java.util.List                                      | it is a raw type; add its type arguments",
        "java.util.List<?>                                   | a wildcard does not say what to decode",
        "java.util.List<? extends Number>                    | a wildcard does not say what to decode",
        "java.util.stream.Stream<String>                     | a java.util.stream type can be consumed only once",
        "java.util.stream.IntStream                          | a java.util.stream type can be consumed only once",
        "java.util.function.Function<String, String>         | a function or lambda is code, not data",
        "java.util.function.Supplier<String>                 | a function or lambda is code, not data",
        "java.util.Comparator<String>                        | a function or lambda is code, not data",
        "Runnable                                            | Runnable, Callable and Thread are code or threads",
        "java.util.concurrent.Callable<String>               | Runnable, Callable and Thread are code or threads",
        "Thread                                              | Runnable, Callable and Thread are code or threads",
        "Iterable<String>                                    | it does not say which collection to create",
        "java.util.Iterator<String>                          | it does not say which collection to create",
        "java.util.Collection<String>                        | it does not say which collection to create",
        "java.util.Queue<String>                             | it does not say which collection to create",
        "java.util.concurrent.Future<String>                 | a future is a handle to work in this JVM",
        "java.util.concurrent.CompletableFuture<String>      | a future is a handle to work in this JVM",
        "java.util.concurrent.CompletionStage<String>        | a future is a handle to work in this JVM",
        "java.io.InputStream                                 | an open stream, reader or writer",
        "java.io.ByteArrayOutputStream                       | an open stream, reader or writer",
        "java.io.Reader                                      | an open stream, reader or writer",
        "java.io.Writer                                      | an open stream, reader or writer",
        "java.io.File                                        | a File or Path names a file on one machine",
        "java.nio.file.Path                                  | a File or Path names a file on one machine",
        "Class<String>                                       | a Class cannot be decoded from JSON safely",
        "CharSequence                                        | Spool does no polymorphic typing",
        "Number                                              | Spool does no polymorphic typing",
        "java.io.Serializable                                | Spool does no polymorphic typing",
        "java.util.AbstractList<String>                      | it does not say which collection to create",
        "Exception                                           | an exception's class, cause and stack trace",
        "dev.spool.Job<String>                               | Job and Spool are handles",
        "dev.spool.Spool                                     | Job and Spool are handles",
        "Void                                                | Void carries nothing but null",
        "java.util.Map<java.time.LocalDate, String>          | a Map key must be String, a boxed primitive, an enum or UUID",
        "java.util.Map<Photo, String>                        | a Map key must be String, a boxed primitive, an enum or UUID",
        "java.util.TreeMap<Photo, String>                    | a Map key must be String, a boxed primitive, an enum or UUID",
        "java.util.List<Object>                              | in List<Object>, Object fails: Object does not say",
        "java.util.Map<String, java.util.List<Runnable>>     | in Map<String, List<Runnable>>, Runnable fails",
        "java.util.List<java.util.Optional<String>>          | Optional is supported only as a whole parameter or result type",
        "java.util.List<String>[]                            | an array of a generic type cannot be created safely",
        "Object[]                                            | in Object[], Object fails",
        "com.fasterxml.jackson.databind.node.TextNode        | JSON decodes to a JsonNode, an ObjectNode or an ArrayNode",
        "com.fasterxml.jackson.databind.node.ValueNode       | JSON decodes to a JsonNode, an ObjectNode or an ArrayNode"
    })
    void rejectsParameter(String type, String reason) {
        Compilation compilation = compile(parameter(type));

        assertThat(compilation).hadErrorContaining("[Task/UnsupportedType] Parameter 'value' of @Task method Example.run(");
        assertThat(compilation).hadErrorContaining(reason).inFile(parameter(type)).onLineContaining(" value)");
        assertThat(compilation).hadErrorCount(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Object                                  | Object does not say what to decode the JSON into",
        "java.util.concurrent.Future<String>     | a future is a handle to work in this JVM",
        "java.util.List<java.util.Optional<Photo>> | Optional is supported only as a whole parameter or result type",
        "java.util.Collection<Photo>             | it does not say which collection to create"
    })
    void rejectsResult(String type, String reason) {
        Compilation compilation = compile(result(type));

        assertThat(compilation).hadErrorContaining("[Task/UnsupportedType] The result of @Task method Example.run()");
        assertThat(compilation).hadErrorContaining(reason).inFile(result(type)).onLineContaining(" run()");
        assertThat(compilation).hadErrorCount(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "int",
        "char",
        "boolean",
        "Integer",
        "String",
        "Size",
        "Photo",
        "Photo[]",
        "byte[]",
        "String[][]",
        "java.math.BigDecimal",
        "java.math.BigInteger",
        "java.util.UUID",
        "java.net.URI",
        "java.time.Instant",
        "java.time.LocalDate",
        "java.time.OffsetDateTime",
        "java.time.Duration",
        "java.time.ZoneId",
        "java.time.DayOfWeek",
        "java.util.Optional<Photo>",
        "java.util.Optional<String>",
        "java.util.Optional<java.util.List<Photo>>",
        "java.util.OptionalInt",
        "java.util.OptionalLong",
        "java.util.OptionalDouble",
        "java.time.ZonedDateTime",
        "java.util.LinkedList<String>",
        "java.util.NavigableMap<Integer, String>",
        "com.fasterxml.jackson.databind.JsonNode",
        "com.fasterxml.jackson.databind.node.ObjectNode",
        "com.fasterxml.jackson.databind.node.ArrayNode",
        "java.util.Map<String, com.fasterxml.jackson.databind.JsonNode>",
        "java.util.List<Photo>",
        "java.util.Set<java.util.UUID>",
        "java.util.SortedSet<String>",
        "java.util.Map<String, java.util.List<Integer>>",
        "java.util.Map<Size, Photo>",
        "java.util.Map<Long, Photo>",
        "java.util.SortedMap<String, Photo>",
        "java.util.ArrayList<Photo>",
        "java.util.HashMap<java.util.UUID, Photo>",
        "java.util.List<java.util.Map<String, Photo[]>>"
    })
    void acceptsAsParameterAndResult(String type) {
        assertThat(compile(parameter(type))).succeeded();
        assertThat(compile(result(type))).succeeded();
    }

    @Test
    void acceptsVoidOnlyAsResult() {
        assertThat(compile(result("void"))).succeeded();
        assertThat(compile(result("Void"))).succeeded();
    }

    @Test
    void rejectsNonStaticInnerClassAsType() {
        JavaFileObject source = source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Example {",
                "    public class Photo {}",
                "",
                "    @Task",
                "    public void run(java.util.List<Photo> photos) {}",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "in List<Example.Photo>, Example.Photo fails: a non-static inner class cannot be created"
                                + " without an enclosing instance; make it static.")
                .inFile(source)
                .onLineContaining("photos)");
    }

    @Test
    void rejectsTypeVariablesOfGenericMethods() {
        JavaFileObject source = source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Example {",
                "    @Task",
                "    public <T> void run(java.util.List<T> items) {}",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/GenericMethod]");
        assertThat(compilation).hadErrorContaining(
                        "in List<T>, T fails: a type variable does not say what to decode the JSON into")
                .inFile(source)
                .onLineContaining("items)");
    }
}
