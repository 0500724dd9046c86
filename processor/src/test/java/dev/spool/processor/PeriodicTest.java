package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Periodic}: each misuse is an error at the element or value; a valid one reaches the descriptor. */
class PeriodicTest {

    private static JavaFileObject example(String... body) {
        String[] lines = new String[body.length + 8];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import dev.spool.annotations.MissedTicks;";
        lines[3] = "import dev.spool.annotations.Periodic;";
        lines[4] = "import dev.spool.annotations.Task;";
        lines[5] = "";
        lines[6] = "public class Reports {";
        System.arraycopy(body, 0, lines, 7, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.Reports", lines);
    }

    @Test
    void aValidScheduleReachesTheGeneratedDescriptor() {
        Compilation compilation = compile(example(
                "    @Task(queue = \"reports\")",
                "    @Periodic(cron = \"0 0 6 * * MON-FRI\", zone = \"Europe/Paris\", missed = MissedTicks.SKIP)",
                "    public void digest() {}"));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.example.ReportsTasks").contentsAsUtf8String()
                .contains(".periodic(\"0 0 6 * * MON-FRI\", \"Europe/Paris\", MissedTicks.SKIP)");
    }

    @Test
    void aMethodWithParameters() {
        JavaFileObject source = example(
                "    @Task",
                "    @Periodic(cron = \"*/5 * * * *\")",
                "    public void digest(String day) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Periodic/Parameters] @Periodic method Reports.digest(String) takes 1"
                + " parameter(s), but every tick runs it with none.").inFile(source).onLineContaining("@Periodic");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aCronExpressionThatDoesNotParse() {
        JavaFileObject source = example(
                "    @Task",
                "    @Periodic(",
                "            cron = \"0 61 * * * *\")",
                "    public void digest() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Periodic/InvalidCron] @Periodic cron \"0 61 * * * *\" of"
                + " Reports.digest() does not parse").inFile(source).onLineContaining("cron = \"0 61");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aCronExpressionWithTheWrongNumberOfFields() {
        JavaFileObject source = example(
                "    @Task",
                "    @Periodic(cron = \"* * *\")",
                "    public void digest() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("does not parse: it has 3 fields").inFile(source)
                .onLineContaining("@Periodic");
    }

    @Test
    void anUnknownZone() {
        JavaFileObject source = example(
                "    @Task",
                "    @Periodic(cron = \"0 * * * * *\",",
                "            zone = \"Mars/Olympus\")",
                "    public void digest() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Periodic/InvalidZone] @Periodic zone \"Mars/Olympus\" of"
                + " Reports.digest() is not a known time zone.").inFile(source).onLineContaining("zone = \"Mars");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void periodicWithoutTask() {
        JavaFileObject source = example(
                "    @Periodic(cron = \"0 * * * * *\")",
                "    public void digest() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Periodic/WithoutTask] @Periodic method Reports.digest() has no"
                + " @Task.").inFile(source).onLineContaining("public void digest()");
        assertThat(compilation).hadErrorCount(1);
    }
}
