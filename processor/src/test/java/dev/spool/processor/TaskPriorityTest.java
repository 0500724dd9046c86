package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Task(priority = ...)}: a level in range reaches the descriptor; one out of range is an error at the value. */
class TaskPriorityTest {

    private static JavaFileObject example(String... body) {
        String[] lines = new String[body.length + 6];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import dev.spool.annotations.Task;";
        lines[3] = "";
        lines[4] = "public class Mail {";
        System.arraycopy(body, 0, lines, 5, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.Mail", lines);
    }

    @Test
    void levelsInRangeReachTheGeneratedDescriptors() throws Exception {
        Compilation compilation = compile(example(
                "    @Task(priority = 5)",
                "    public void passwordReset(String address) {}",
                "    @Task(priority = -5)",
                "    public void digest(String address) {}",
                "    @Task(priority = 0)",
                "    public void newsletter(String address) {}",
                "    @Task",
                "    public void receipt(String address) {}"));

        assertThat(compilation).succeeded();
        String stub = compilation.generatedSourceFile("com.example.MailTasks").orElseThrow().getCharContent(true)
                .toString();
        org.assertj.core.api.Assertions.assertThat(stub)
                .contains(".priority(5)")
                .contains(".priority(-5)");
        // the default level is not written out
        org.assertj.core.api.Assertions.assertThat(stub.split("\\.priority\\(", -1)).hasSize(3);
    }

    @Test
    void aLevelOutOfRangeIsAnErrorAtTheValue() {
        JavaFileObject source = example(
                "    @Task(queue = \"mail\",",
                "            priority = 6)",
                "    public void passwordReset(String address) {}",
                "    @Task(queue = \"mail\",",
                "            priority = -10)",
                "    public void digest(String address) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/PriorityInvalid] @Task priority 6 of"
                + " Mail.passwordReset(String) is out of range. Use a level from -5 (lowest) to 5 (highest)")
                .inFile(source).onLineContaining("priority = 6");
        assertThat(compilation).hadErrorContaining("[Task/PriorityInvalid] @Task priority -10")
                .inFile(source).onLineContaining("priority = -10");
        assertThat(compilation).hadErrorCount(2);
    }
}
