package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Messages that must fit the case at hand: enum owners, and two classes with one simple name. */
class OwnerMessagesTest {

    @Test
    void enumOwnerIsNotToldToAddAConstructor() {
        JavaFileObject source = source("com.example.Mailer",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public enum Mailer {",
                "    INSTANCE;",
                "",
                "    @Task",
                "    public void send(String to) {}",
                "}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining(
                        "[Task/EnumOwner] Mailer is an enum with @Task instance methods, but a worker cannot create an"
                                + " enum, and its constants are not one instance to call them on. Make the methods"
                                + " static, or declare them in a class.")
                .inFile(source)
                .onLineContaining("public enum Mailer");
        assertThat(compilation).hadErrorCount(1);
        org.assertj.core.api.Assertions.assertThat(compilation.errors().get(0).getMessage(Locale.ROOT))
                .doesNotContain("constructor that").doesNotContain("NotInstantiable");
    }

    @Test
    void enumOwnerWithStaticTasksIsFine() {
        JavaFileObject source = source("com.example.Mailer",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public enum Mailer {",
                "    INSTANCE;",
                "",
                "    @Task",
                "    public static void send(String to) {}",
                "}");
        assertThat(compile(source)).succeeded();
    }

    @Test
    void duplicateDefaultNamesOfClassesWithOneSimpleNameNameTheirPackages() {
        JavaFileObject first = source("com.example.billing.Mailer",
                "package com.example.billing;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Mailer {",
                "    @Task",
                "    public void send(String to) {}",
                "}");
        JavaFileObject second = source("com.example.shipping.Mailer",
                "package com.example.shipping;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Mailer {",
                "    @Task",
                "    public void send(String to) {}",
                "}");
        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorContaining(
                        "[Task/DuplicateName] Task name \"Mailer.send\" of com.example.shipping.Mailer.send(String) is"
                                + " already used by com.example.billing.Mailer.send(String).")
                .inFile(second)
                .onLineContaining("@Task");
        assertThat(compilation).hadErrorCount(1);
    }
}
