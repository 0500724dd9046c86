package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.spool.spi.Arguments;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A class that uses many features compiles with no warning under {@code -Xlint:all}, and the
 * generated code compiles against the runtime and dispatches to the right methods.
 */
class CleanCompileTest {

    private static final JavaFileObject INJECT = source("javax.inject.Inject",
            "package javax.inject;",
            "",
            "import java.lang.annotation.ElementType;",
            "import java.lang.annotation.Retention;",
            "import java.lang.annotation.RetentionPolicy;",
            "import java.lang.annotation.Target;",
            "",
            "/** Stand-in for javax.inject.Inject. */",
            "@Retention(RetentionPolicy.RUNTIME)",
            "@Target({ElementType.CONSTRUCTOR, ElementType.METHOD, ElementType.FIELD})",
            "public @interface Inject {}");

    private static final JavaFileObject ORDERS = source("com.example.shop.Orders",
            "package com.example.shop;",
            "",
            "import dev.spool.annotations.Task;",
            "import java.io.IOException;",
            "import java.math.BigDecimal;",
            "import java.time.Instant;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.Optional;",
            "import java.util.SortedMap;",
            "import java.util.UUID;",
            "",
            "/** Many features at once. */",
            "public class Orders {",
            "    /** An order line. */",
            "    public record Line(String sku, int quantity, BigDecimal price) {}",
            "",
            "    /** How fast to ship. */",
            "    public enum Speed { STANDARD, EXPRESS }",
            "",
            "    /** A type named like a runtime class, to test imports. */",
            "    public record Job(String name) {}",
            "",
            "    @Task(queue = \"orders\", retries = 2, timeout = \"500ms\")",
            "    public BigDecimal total(List<Line> lines) {",
            "        return lines.stream().map(l -> l.price().multiply(BigDecimal.valueOf(l.quantity())))",
            "                .reduce(BigDecimal.ZERO, BigDecimal::add);",
            "    }",
            "",
            "    @Task(name = \"Orders.totalOfOne\")",
            "    public BigDecimal total(Line line) {",
            "        return total(List.of(line));",
            "    }",
            "",
            "    @Task",
            "    public Map<String, List<Line>> bySku(List<Line> lines) {",
            "        return Map.of();",
            "    }",
            "",
            "    @Task",
            "    public void ship(UUID order, Speed speed, Instant at) throws IOException {}",
            "",
            "    @Task",
            "    public static Optional<String> label(String spool, String options, int TOTAL) {",
            "        return Optional.of(spool + options + TOTAL);",
            "    }",
            "",
            "    @Task",
            "    public int count(String... skus) {",
            "        return skus.length;",
            "    }",
            "",
            "    @Task",
            "    public long sum(long[] values) {",
            "        return java.util.Arrays.stream(values).sum();",
            "    }",
            "",
            "    @Task",
            "    public SortedMap<Speed, Job> jobs(Job[] jobs, Optional<Speed> speed) {",
            "        return new java.util.TreeMap<>();",
            "    }",
            "",
            "    /** @deprecated use {@link #total(List)}. */",
            "    @Deprecated",
            "    @Task",
            "    public BigDecimal legacyTotal(List<Line> lines) {",
            "        return total(lines);",
            "    }",
            "",
            "    /** Injected by the application. */",
            "    public static class Mailer {",
            "        private final String sender;",
            "",
            "        @javax.inject.Inject",
            "        public Mailer(String sender) {",
            "            this.sender = sender;",
            "        }",
            "",
            "        @Task(queue = \"mail\")",
            "        public String send(String to) {",
            "            return sender + \"->\" + to;",
            "        }",
            "    }",
            "",
            "    /** Implemented by the application. */",
            "    public interface Audit {",
            "        @Task",
            "        default void record(String event) {}",
            "",
            "        @Task",
            "        static String version() {",
            "            return \"1\";",
            "        }",
            "    }",
            "}");

    @Test
    void compilesWithNoWarningsButJavacsNoticeOfUnclaimedAnnotations() {
        Compilation compilation = compile(ORDERS, INJECT);

        assertThat(compilation).succeeded();
        // -Xlint:processing reports every annotation no processor claims, @Generated included; Spool
        // never claims @Task, so that notice is javac's, not a problem in generated code.
        assertThat(compilation.warnings())
                .extracting(warning -> warning.getMessage(null))
                .allMatch(message -> message.startsWith("No processor claimed any of these annotations"));
    }

    @Test
    void compilesWithoutAnyWarningWhenProcessingLintIsOff() {
        Compilation compilation = compile(List.of("-Xlint:-processing"), ORDERS, INJECT);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void generatedTablesDispatchToTheTaskMethods() throws Exception {
        Compilation compilation = compile(ORDERS, INJECT);
        assertThat(compilation).succeeded();
        ClassLoader loader = new GeneratedClassLoader(compilation);

        TaskTable orders = table(loader, "com.example.shop.OrdersTaskTable");
        assertThat(orders.ownerType().getName()).isEqualTo("com.example.shop.Orders");
        Map<String, TaskEntry<?, ?>> entries = orders.entries().stream()
                .collect(Collectors.toMap(entry -> entry.task().name(), entry -> entry));
        assertThat(orders.entries()).extracting(entry -> entry.task().name()).containsExactly(
                "Orders.total",
                "Orders.totalOfOne",
                "Orders.bySku",
                "Orders.ship",
                "Orders.label",
                "Orders.count",
                "Orders.sum",
                "Orders.jobs",
                "Orders.legacyTotal");

        TaskDescriptor<?> total = entries.get("Orders.total").task();
        assertThat(total.queue()).isEqualTo("orders");
        assertThat(total.retries()).isEqualTo(2);
        assertThat(total.timeout()).contains(Duration.ofMillis(500));
        assertThat(total.resultType().toString()).isEqualTo("java.math.BigDecimal");
        assertThat(total.parameters()).extracting(TaskDescriptor.Parameter::name).containsExactly("lines");
        assertThat(total.parameters().get(0).type().toString())
                .isEqualTo("java.util.List<com.example.shop.Orders$Line>");
        assertThat(entries.get("Orders.bySku").task().resultType().toString())
                .isEqualTo("java.util.Map<java.lang.String,java.util.List<com.example.shop.Orders$Line>>");
        assertThat(entries.get("Orders.ship").task().resultType().toString()).isEqualTo("java.lang.Void");
        assertThat(entries.get("Orders.label").isStatic()).isTrue();
        assertThat(entries.get("Orders.label").task().parameters())
                .extracting(TaskDescriptor.Parameter::name)
                .containsExactly("spool", "options", "TOTAL");

        assertThat(run(entries.get("Orders.count"), (Object) new String[] {"a", "b", "c"})).isEqualTo(3);
        assertThat(run(entries.get("Orders.sum"), (Object) new long[] {1, 2, 3})).isEqualTo(6L);
        assertThat(run(entries.get("Orders.label"), "s", "o", 7)).isEqualTo(java.util.Optional.of("so7"));
        assertThat(run(entries.get("Orders.ship"), java.util.UUID.randomUUID(), null, null)).isNull();

        TaskTable mailer = table(loader, "com.example.shop.Orders_MailerTaskTable");
        assertThat(mailer.entries().get(0).task().name()).isEqualTo("Orders.Mailer.send");
        assertThat(mailer.entries().get(0).constructor()).isEmpty();

        TaskTable audit = table(loader, "com.example.shop.Orders_AuditTaskTable");
        assertThat(audit.entries()).extracting(entry -> entry.task().name())
                .containsExactly("Orders.Audit.record", "Orders.Audit.version");
        assertThat(audit.entries().get(0).constructor()).isEmpty();

        assertThat(compilation)
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.spool.spi.TaskTable")
                .contentsAsUtf8String()
                .isEqualTo("com.example.shop.OrdersTaskTable\n"
                        + "com.example.shop.Orders_AuditTaskTable\n"
                        + "com.example.shop.Orders_MailerTaskTable\n");
    }

    @Test
    void marksStubsOfDeprecatedTasksDeprecated() {
        Compilation compilation = compile(ORDERS, INJECT);

        assertThat(compilation)
                .generatedSourceFile("com.example.shop.OrdersTasks")
                .contentsAsUtf8String()
                .contains("    @Deprecated\n    public Job<BigDecimal> legacyTotal(List<Orders.Line> lines) {");
    }

    @SuppressWarnings("unchecked")
    private static Object run(TaskEntry<?, ?> entry, Object... arguments) throws Exception {
        Object owner = entry.isStatic() ? null : entry.constructor().orElseThrow().get();
        Arguments args = new Arguments() {
            @Override
            public int size() {
                return arguments.length;
            }

            @Override
            public <T> T get(int index) {
                return (T) arguments[index];
            }
        };
        return ((TaskEntry<Object, ?>) entry).invoker().invoke(owner, args);
    }

    private static TaskTable table(ClassLoader loader, String name) throws ReflectiveOperationException {
        return (TaskTable) loader.loadClass(name).getConstructor().newInstance();
    }

    /** Loads the classes of a compilation from memory. */
    private static final class GeneratedClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        GeneratedClassLoader(Compilation compilation) {
            super(CleanCompileTest.class.getClassLoader());
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String name = file.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceFirst("\\.class$", "");
                    try (var in = file.openInputStream()) {
                        classes.put(name.replace('/', '.'), in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

}
