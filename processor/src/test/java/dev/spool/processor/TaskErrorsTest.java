package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per compile error: the message, the file and the line it points at. */
class TaskErrorsTest {

    /** {@code com.example.Example} with these lines as its body. */
    private static JavaFileObject example(String... body) {
        String[] lines = new String[body.length + 6];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import dev.spool.annotations.Task;";
        lines[3] = "";
        lines[4] = "public class Example {";
        System.arraycopy(body, 0, lines, 5, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.Example", lines);
    }

    @Test
    void privateMethod() {
        JavaFileObject source = example("    @Task", "    private void ping() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/PrivateMethod] @Task method Example.ping() is private, so the generated stub and"
                                + " dispatch table cannot call it. Make it package-private, protected or public.")
                .inFile(source)
                .onLineContaining("private void ping()");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void abstractMethod() {
        JavaFileObject source = source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public abstract class Example {",
                "    @Task",
                "    public abstract void ping();",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/AbstractMethod] @Task method Example.ping() is abstract, so a worker has no code to"
                                + " run. Give it a body")
                .inFile(source)
                .onLineContaining("public abstract void ping()");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void interfaceMethodWithoutBody() {
        JavaFileObject source = source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public interface Example {",
                "    @Task",
                "    String ping(String text);",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/AbstractMethod] @Task method Example.ping(String) is abstract")
                .inFile(source)
                .onLineContaining("String ping(String text);");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void genericMethod() {
        JavaFileObject source = example("    @Task", "    public <T extends Comparable<T>> void sort(java.util.List<T> items) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/GenericMethod] @Task method Example.sort(List<T>) declares type parameters <T>, so a"
                                + " worker cannot know which types to decode its arguments to.")
                .inFile(source)
                .onLineContaining("void sort(");
    }

    @Test
    void methodThatClashesWithObject() {
        JavaFileObject source = example("    @Task", "    @Override", "    public String toString() {", "        return \"\";", "    }");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/ObjectMethodClash] @Task method Example.toString() would give the generated stub a"
                                + " method that clashes with Object.toString(). Rename the method.")
                .inFile(source)
                .onLineContaining("public String toString()");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void innerClass() {
        JavaFileObject source = example("    public class Inner {", "        @Task", "        public void ping() {}", "    }");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InnerClass] @Task methods cannot be declared in Example.Inner, a non-static inner"
                                + " class: a worker cannot create it without an enclosing instance. Make the class"
                                + " static.")
                .inFile(source)
                .onLineContaining("public class Inner");
        assertThat(compilation).hadErrorCount(1);
    }

    /**
     * javac shows a processor no annotations inside local and anonymous classes, and runs it only
     * if it sees an annotation it supports; any module with such a task has other tasks too.
     */
    private static JavaFileObject companion() {
        return source("com.example.Companion",
                "package com.example;",
                "",
                "public class Companion {",
                "    @dev.spool.annotations.Task",
                "    public void ping() {}",
                "}");
    }

    @Test
    void localClass() {
        JavaFileObject source = example(
                "    void start() {",
                "        class Local {",
                "            @Task",
                "            public void ping() {}",
                "        }",
                "    }");
        Compilation compilation = compile(source, companion());

        assertThat(compilation).hadErrorContaining(
                        "[Task/LocalClass] @Task methods cannot be declared in a local class: generated code cannot"
                                + " refer to it. Move the method to a top-level or static nested class.")
                .inFile(source)
                .onLineContaining("@Task");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void anonymousClass() {
        JavaFileObject source = example(
                "    final Runnable runnable = new Runnable() {",
                "        @Override",
                "        public void run() {}",
                "",
                "        @dev.spool.annotations.Task",
                "        public void ping() {}",
                "    };");
        Compilation compilation = compile(source, companion());

        assertThat(compilation).hadErrorContaining("[Task/LocalClass] @Task methods cannot be declared in an anonymous class")
                .inFile(source)
                .onLineContaining("@dev.spool.annotations.Task");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateClass() {
        JavaFileObject source = example("    private static class Hidden {", "        @Task", "        public void ping() {}", "    }");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/PrivateClass] @Task methods cannot be declared in Example.Hidden, because"
                                + " Example.Hidden is private and generated code cannot refer to it. Make it"
                                + " package-private or public.")
                .inFile(source)
                .onLineContaining("private static class Hidden");
    }

    @Test
    void classInsidePrivateClass() {
        JavaFileObject source = example(
                "    private static class Hidden {",
                "        static class Nested {",
                "            @Task",
                "            public void ping() {}",
                "        }",
                "    }");
        Compilation compilation = compile(source, companion());

        assertThat(compilation).hadErrorContaining(
                        "[Task/PrivateClass] @Task methods cannot be declared in Example.Hidden.Nested, because"
                                + " Example.Hidden is private")
                .inFile(source)
                .onLineContaining("static class Nested");
    }

    @Test
    void genericClass() {
        JavaFileObject source = source("com.example.Example",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Example<T> {",
                "    @Task",
                "    public void ping() {}",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/GenericClass] @Task methods cannot be declared in generic class Example: a worker"
                                + " cannot know its type arguments.")
                .inFile(source)
                .onLineContaining("public class Example<T>");
    }

    @Test
    void notInstantiable() {
        JavaFileObject source = example(
                "    private final String prefix;",
                "",
                "    public Example(String prefix) {",
                "        this.prefix = prefix;",
                "    }",
                "",
                "    @Task",
                "    public String greet(String name) {",
                "        return prefix + name;",
                "    }");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/NotInstantiable] Example has @Task instance methods, but a worker cannot create it: it"
                                + " has no non-private no-arg constructor that throws no checked exceptions, and no"
                                + " @Inject constructor. Add a no-arg constructor, or annotate a constructor with"
                                + " @Inject and give the worker a TaskInstanceProvider that supplies the instance.")
                .inFile(source)
                .onLineContaining("public class Example");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void noArgConstructorThatThrowsCheckedExceptionsDoesNotCount() {
        JavaFileObject source = example(
                "    public Example() throws java.io.IOException {}",
                "",
                "    @Task",
                "    public void ping() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/NotInstantiable] Example has @Task instance methods")
                .inFile(source)
                .onLineContaining("public class Example");
    }

    @Test
    void unsupportedParameterType() {
        JavaFileObject source = example("    @Task", "    public void store(Object value) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/UnsupportedType] Parameter 'value' of @Task method Example.store(Object) has type"
                                + " Object, which Spool cannot carry as JSON: Object does not say what to decode the"
                                + " JSON into; use a concrete type. See Spool's docs/types.md.")
                .inFile(source)
                .onLineContaining("Object value");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unsupportedResultType() {
        JavaFileObject source = example(
                "    @Task",
                "    public java.util.List<Object> load() {",
                "        return java.util.List.of();",
                "    }");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/UnsupportedType] The result of @Task method Example.load() has type List<Object>,"
                                + " which Spool cannot carry as JSON: in List<Object>, Object fails: Object does not"
                                + " say what to decode the JSON into")
                .inFile(source)
                .onLineContaining("load()");
    }

    @Test
    void inaccessibleType() {
        JavaFileObject source = example(
                "    private record Secret(String value) {}",
                "",
                "    @Task",
                "    public void keep(java.util.List<Secret> secrets) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InaccessibleType] Parameter 'secrets' of @Task method Example.keep(List<Example.Secret>)"
                                + " has type List<Example.Secret>, but Example.Secret is not visible in package"
                                + " com.example, where Spool generates the stub and dispatch table.")
                .inFile(source)
                .onLineContaining("List<Secret> secrets");
    }

    @Test
    void inaccessibleNoRetryForType() {
        JavaFileObject source = example(
                "    private static class Flaky extends RuntimeException {}",
                "",
                "    @Task(noRetryFor = {IllegalStateException.class, Flaky.class})",
                "    public void keep() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InaccessibleType] noRetryFor of @Task method Example.keep() has type Example.Flaky, but"
                                + " Example.Flaky is not visible in package com.example")
                .inFile(source)
                .onLineContaining("noRetryFor = ");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void missingNoRetryForTypeIsReportedWhenProcessingEnds() {
        JavaFileObject source = example("    @Task(noRetryFor = Vanished.class)", "    public void keep() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/MissingType] noRetryFor of @Task method Example.keep() has type a class javac cannot"
                                + " resolve, which cannot be found.")
                .inFile(source)
                .onLineContaining("noRetryFor = Vanished.class");
    }

    @Test
    void duplicateDefaultNamesOfOverloads() {
        JavaFileObject source = example(
                "    @Task",
                "    public void send(String to) {}",
                "",
                "    @Task",
                "    public void send(String to, String subject) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/DuplicateName] Task name \"Example.send\" of com.example.Example.send(String, String) is"
                                + " already used by com.example.Example.send(String). Task names must be unique: give one of them another"
                                + " name with @Task(name = \"...\").")
                .inFile(source)
                .onLine(9);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void duplicateExplicitNamesAcrossClasses() {
        JavaFileObject first = source("com.example.First",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class First {",
                "    @Task(name = \"mail.send\")",
                "    public void send(String to) {}",
                "}");
        JavaFileObject second = source("com.example.Second",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Second {",
                "    @Task(name = \"mail.send\")",
                "    public void deliver(String to) {}",
                "}");
        GeneratedTypesObserver observer = new GeneratedTypesObserver("com.example.FirstTasks", "com.example.SecondTasks");
        Compilation compilation = compile(List.of(), List.of(observer), second, first);

        assertThat(compilation).hadErrorContaining(
                        "[Task/DuplicateName] Task name \"mail.send\" of com.example.Second.deliver(String) is already"
                                + " used by com.example.First.send(String).")
                .inFile(second)
                .onLineContaining("name = \"mail.send\"");
        assertThat(compilation).hadErrorCount(1);
        org.assertj.core.api.Assertions.assertThat(observer.existing()).containsExactly("com.example.FirstTasks");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail:send | it contains ':'",
        "mail send | it contains a space",
        "'{mail}'  | it contains '{'",
        "'  '      | it is empty",
        "''        | it is empty"
    })
    void invalidName(String name, String problem) {
        JavaFileObject source = example("    @Task(name = \"" + name + "\")", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InvalidName] @Task name \"" + name + "\" of Example.send() is invalid: " + problem
                                + ". Use letters, digits and '_', '.', '$' or '-', or remove name to use the"
                                + " default Example.send.")
                .inFile(source)
                .onLineContaining("@Task(name = ");
        assertThat(compilation).hadErrorCount(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''         | it is empty",
        "images/hd  | it contains '/'",
        "my queue   | it contains a space",
        "_img       | it starts with '_'",
        "-img       | it starts with '-'",
        ".img       | it starts with '.'",
        "x{y}       | it contains '{'",
        "a:b        | it contains ':'",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | it is 101 characters long"
    })
    void invalidQueue(String queue, String problem) {
        JavaFileObject source = example("    @Task(retries = 1, queue = \"" + queue + "\")", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InvalidQueue] @Task queue \"" + queue + "\" of Example.send() is invalid: " + problem
                                + ". Use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.")
                .inFile(source)
                .onLineContaining("queue = \"" + queue + "\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void negativeRetries() {
        JavaFileObject source = example("    @Task(", "        queue = \"mail\",", "        retries = -1)", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/NegativeRetries] @Task retries of Example.send() is -1; it must be 0 (no retry) or"
                                + " more.")
                .inFile(source)
                .onLineContaining("retries = -1");
    }

    @ParameterizedTest
    @CsvSource({"30 seconds", "30S", "-5s", "5w", "PT", "1.5s", "99999999999999999999d"})
    void invalidTimeout(String timeout) {
        JavaFileObject source = example("    @Task(queue = \"mail\",", "        timeout = \"" + timeout + "\")", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InvalidTimeout] @Task timeout \"" + timeout + "\" of Example.send() is not a duration."
                                + " Write a whole number and a unit (\"500ms\", \"30s\", \"5m\", \"2h\", \"1d\") or an"
                                + " ISO-8601 duration (\"PT30S\"), or remove timeout for no limit.")
                .inFile(source)
                .onLineContaining("timeout = ");
    }

    @ParameterizedTest
    @CsvSource({"0s", "PT0S", "PT-5S"})
    void nonPositiveTimeout(String timeout) {
        JavaFileObject source = example("    @Task(queue = \"mail\",", "        timeout = \"" + timeout + "\")", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/NonPositiveTimeout] @Task timeout \"" + timeout + "\" of Example.send() is not positive.")
                .inFile(source)
                .onLineContaining("timeout = ");
    }

    @ParameterizedTest
    @CsvSource({"soon", "0s", "PT-5S"})
    void invalidExpires(String expires) {
        JavaFileObject source = example("    @Task(queue = \"mail\",", "        expires = \"" + expires + "\")", "    public void send() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/InvalidExpires] @Task expires \"" + expires + "\" of Example.send() is not a positive duration.")
                .inFile(source)
                .onLineContaining("expires = ");
    }

    @Test
    void missingTypeIsReportedWhenProcessingEnds() {
        JavaFileObject source = example("    @Task", "    public void render(Picture picture) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/MissingType] Parameter 'picture' of @Task method Example.render(Picture) has type"
                                + " Picture, which cannot be found. If the type may be generated by another annotation"
                                + " processor, make sure that processor runs in this compilation")
                .inFile(source)
                .onLineContaining("Picture picture");
    }

    @Test
    void generatedNameClash() {
        JavaFileObject nested = source("com.example.Mail",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Mail {",
                "    public static class Box {",
                "        @Task",
                "        public void open() {}",
                "    }",
                "}");
        JavaFileObject flat = source("com.example.Mail_Box",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Mail_Box {",
                "    @Task",
                "    public void close() {}",
                "}");
        Compilation compilation = compile(nested, flat);

        assertThat(compilation).hadErrorContaining(
                        "[Task/GeneratedNameClash] Spool cannot generate com.example.Mail_BoxTasks for Mail_Box: it is"
                                + " already generated for Mail.Box. Rename the class.")
                .inFile(flat)
                .onLineContaining("public class Mail_Box");
    }

    @Test
    void eachClassFailsOnItsOwn() {
        JavaFileObject bad = source("com.example.Bad",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Bad {",
                "    @Task",
                "    private void ping() {}",
                "",
                "    @Task(queue = \"\")",
                "    public void pong() {}",
                "}");
        JavaFileObject good = source("com.example.Good",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Good {",
                "    @Task",
                "    public void ping() {}",
                "}");
        GeneratedTypesObserver observer = new GeneratedTypesObserver(
                "com.example.BadTasks", "com.example.BadTaskTable", "com.example.GoodTasks", "com.example.GoodTaskTable");
        Compilation compilation = compile(List.of(), List.of(observer), bad, good);

        assertThat(compilation).hadErrorContaining("[Task/PrivateMethod]").inFile(bad).onLine(7);
        assertThat(compilation).hadErrorContaining("[Task/InvalidQueue]").inFile(bad).onLine(9);
        assertThat(compilation).hadErrorCount(2);
        org.assertj.core.api.Assertions.assertThat(observer.existing())
                .containsExactly("com.example.GoodTaskTable", "com.example.GoodTasks");
    }
}
