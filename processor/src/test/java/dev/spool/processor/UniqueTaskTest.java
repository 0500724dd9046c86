package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Task(unique = ..., uniqueFor = ...)}: each misuse is an error at the value; a valid rule reaches the descriptor. */
class UniqueTaskTest {

    private static JavaFileObject example(String... body) {
        String[] lines = new String[body.length + 7];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import dev.spool.annotations.Task;";
        lines[3] = "import dev.spool.annotations.Unique;";
        lines[4] = "";
        lines[5] = "public class Imports {";
        System.arraycopy(body, 0, lines, 6, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.Imports", lines);
    }

    @Test
    void validRulesReachTheGeneratedDescriptors() {
        Compilation compilation = compile(example(
                "    @Task(unique = Unique.UNTIL_FINISHED)",
                "    public void sync(String customer) {}",
                "    @Task(unique = Unique.FOR_PERIOD, uniqueFor = \"10m\")",
                "    public void report(String customer) {}"));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.example.ImportsTasks").contentsAsUtf8String()
                .contains(".unique(Unique.UNTIL_FINISHED)");
        assertThat(compilation).generatedSourceFile("com.example.ImportsTasks").contentsAsUtf8String()
                .contains(".unique(Unique.FOR_PERIOD, Duration.ofMinutes(10))");
    }

    @Test
    void aPeriodScopeWithoutItsPeriod() {
        JavaFileObject source = example(
                "    @Task(",
                "            unique = Unique.FOR_PERIOD)",
                "    public void sync(String customer) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/UniquePeriodMissing] @Task unique = FOR_PERIOD of"
                + " Imports.sync(String) needs uniqueFor").inFile(source).onLineContaining("unique = Unique.FOR_PERIOD");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aPeriodWithAnotherScope() {
        JavaFileObject source = example(
                "    @Task(unique = Unique.WHILE_QUEUED,",
                "            uniqueFor = \"5m\")",
                "    public void sync(String customer) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/UniquePeriodUnused] @Task uniqueFor \"5m\" of"
                + " Imports.sync(String) has no effect with unique = WHILE_QUEUED").inFile(source)
                .onLineContaining("uniqueFor = \"5m\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aPeriodThatIsNotADuration() {
        JavaFileObject source = example(
                "    @Task(unique = Unique.FOR_PERIOD,",
                "            uniqueFor = \"ten minutes\")",
                "    public void sync(String customer) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/UniquePeriodInvalid] @Task uniqueFor \"ten minutes\" of"
                + " Imports.sync(String) is not a positive duration").inFile(source).onLineContaining("ten minutes");
        assertThat(compilation).hadErrorCount(1);
    }
}
