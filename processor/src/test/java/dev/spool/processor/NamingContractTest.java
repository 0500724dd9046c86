package dev.spool.processor;

import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.spool.SpoolException;
import dev.spool.internal.Keys;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import dev.spool.worker.WorkerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The processor and the runtime apply one naming contract ({@code dev.spool.naming.Names}): a
 * queue name the compiler accepts is one the runtime accepts when a job is enqueued, and a
 * duration that is a valid {@code @Task} timeout is a valid {@code --shutdown-grace}.
 */
class NamingContractTest {

    private static final List<String> QUEUES = List.of("images", "default", "a", "9lives", "A.b-c_d", "img_1",
            "_img", "-img", ".img", "x{y}", "a:b", "my queue", "images/hd", "é", "q".repeat(100), "q".repeat(101));

    private static final List<String> DURATIONS = List.of("500ms", "30s", "5m", "2h", "1d", "PT30S", "pt2m", "P1D",
            "0s", "30", "30S", "2 h", "1.5s", "5w", "PT", "99999999999999999999d");

    /** One {@code @Task} method per value, each on a line of its own; returns the values whose line had {@code tag}. */
    private static Set<String> refused(String attribute, List<String> values, String tag) {
        List<String> lines = new ArrayList<>(List.of("package com.example;", "", "import dev.spool.annotations.Task;", "",
                "public class Contract {"));
        int first = lines.size() + 1;
        for (int i = 0; i < values.size(); i++) {
            lines.add("    @Task(" + attribute + " = \"" + values.get(i) + "\") public void m" + i + "() {}");
        }
        lines.add("}");
        JavaFileObject source = source("com.example.Contract", lines.toArray(String[]::new));
        Compilation compilation = compile(source);
        Set<String> refused = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
            if (error.getMessage(Locale.ROOT).contains(tag)) {
                refused.add(values.get((int) error.getLineNumber() - first));
            }
        }
        return refused;
    }

    @Test
    void theProcessorRefusesExactlyTheQueueNamesTheRuntimeRefuses() {
        Set<String> byProcessor = refused("queue", QUEUES, "[Task/InvalidQueue]");
        Set<String> byKeys = new TreeSet<>();
        Set<String> byDescriptors = new TreeSet<>();
        Keys keys = new Keys("contract");
        for (String queue : QUEUES) {
            try {
                keys.queue(queue);
            } catch (SpoolException e) {
                byKeys.add(queue);
            }
            try {
                TaskDescriptor.builder("Contract.m", TypeRef.VOID).queue(queue);
            } catch (IllegalArgumentException e) {
                byDescriptors.add(queue);
            }
        }
        assertThat(byProcessor).contains("_img", "-img", "x{y}", "q".repeat(101)).doesNotContain("images", "q".repeat(100));
        assertThat(byKeys).isEqualTo(byProcessor);
        assertThat(byDescriptors).isEqualTo(byProcessor);
    }

    @Test
    void aTaskTimeoutAndTheWorkersShutdownGraceShareOneSyntax() {
        Set<String> byProcessor = refused("timeout", DURATIONS, "[Task/InvalidTimeout]");
        Set<String> byWorkerCommand = new TreeSet<>();
        for (String duration : DURATIONS) {
            try {
                new CommandLine(new WorkerCommand()).parseArgs("--shutdown-grace", duration);
            } catch (CommandLine.ParameterException e) {
                byWorkerCommand.add(duration);
            }
        }
        assertThat(byProcessor).contains("30", "30S", "1.5s").doesNotContain("2h", "1d", "PT30S");
        assertThat(byWorkerCommand).isEqualTo(byProcessor);
    }
}
