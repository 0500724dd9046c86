package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.testing.compile.Compilation;
import dev.spool.spi.Arguments;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskInvoker;
import dev.spool.spi.TaskTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A class with hundreds of tasks compiles in seconds, and its table dispatches every task. The
 * table once was one {@code List.of(...)} expression whose type inference grew with the cube of
 * the number of tasks: 100 tasks took 10 s of CPU, 200 took 105 s, 300 several minutes.
 */
class LargeClassTest {

    private static final int TASKS = 300;

    /** Generous for a loaded machine; the cubic table took minutes at this size. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    @Test
    void aClassOfThreeHundredTasksCompilesAndItsTableCallsEachTask() throws Exception {
        Compilation compilation = assertTimeoutPreemptively(BOUND, () -> compile(bigClass()));

        assertThat(compilation).succeeded();
        TaskTable table = (TaskTable) new GeneratedClasses(compilation)
                .loadClass("com.example.big.BigTaskTable").getConstructor().newInstance();
        List<TaskEntry<?, ?>> entries = table.entries();
        assertThat(entries).hasSize(TASKS);
        Object owner = entries.get(0).constructor().orElseThrow().get();
        for (int i = 0; i < TASKS; i++) {
            TaskEntry<?, ?> entry = entries.get(i);
            assertThat(entry.task().name()).isEqualTo("Big.t" + i);
            assertThat(entry.isStatic()).isEqualTo(i % 3 == 2);
            Object result = invoke(entry, owner, 1000);
            if (i % 3 == 1) {
                assertThat(result).as("void task %s", i).isNull();
            } else {
                assertThat(result).as("task %s", i).isEqualTo("t" + i + ":1000");
            }
        }
        assertThat(owner.toString()).as("calls of the void tasks").isEqualTo(expectedVoidCalls());
    }

    @SuppressWarnings("unchecked")
    private static Object invoke(TaskEntry<?, ?> entry, Object owner, int argument) throws Exception {
        Arguments arguments = new Arguments() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T get(int index) {
                return (T) Integer.valueOf(argument);
            }
        };
        return ((TaskInvoker<Object, ?>) entry.invoker()).invoke(owner, arguments);
    }

    /** Every third task returns a string, every third is void, every third is static. */
    private static JavaFileObject bigClass() {
        List<String> lines = new ArrayList<>(List.of(
                "package com.example.big;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Big {",
                "    private final StringBuilder voidCalls = new StringBuilder();",
                "",
                "    @Override",
                "    public String toString() {",
                "        return voidCalls.toString();",
                "    }"));
        for (int i = 0; i < TASKS; i++) {
            lines.add("");
            lines.add("    @Task");
            switch (i % 3) {
                case 0 -> lines.add("    public String t" + i + "(int n) { return \"t" + i + ":\" + n; }");
                case 1 -> lines.add("    public void t" + i + "(Integer n) { voidCalls.append(" + i + ").append(' '); }");
                default -> lines.add("    public static String t" + i + "(int n) { return \"t" + i + ":\" + n; }");
            }
        }
        lines.add("}");
        return source("com.example.big.Big", lines.toArray(String[]::new));
    }

    private static String expectedVoidCalls() {
        StringBuilder calls = new StringBuilder();
        for (int i = 1; i < TASKS; i += 3) {
            calls.append(i).append(' ');
        }
        return calls.toString();
    }

    /** Loads the classes a compilation wrote, over the test's class path (the runtime's SPI). */
    private static final class GeneratedClasses extends ClassLoader {
        private final Compilation compilation;

        GeneratedClasses(Compilation compilation) {
            super(LargeClassTest.class.getClassLoader());
            this.compilation = compilation;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith("/" + path)) {
                    try (InputStream in = file.openInputStream()) {
                        byte[] bytes = in.readAllBytes();
                        return defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            throw new ClassNotFoundException(name);
        }
    }
}
