package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Task(concurrencyKey = ..., maxConcurrent = ...)}: each misuse is an error at the value it
 * is about; a valid rule reaches the descriptor.
 */
class ConcurrencyKeyTest {

    private static JavaFileObject example(String... body) {
        String[] lines = new String[body.length + 8];
        lines[0] = "package com.example;";
        lines[1] = "";
        lines[2] = "import dev.spool.annotations.Task;";
        lines[3] = "import java.util.UUID;";
        lines[4] = "";
        lines[5] = "public class Billing {";
        lines[6] = "    public enum Region { EU, US }";
        System.arraycopy(body, 0, lines, 7, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.Billing", lines);
    }

    @Test
    void keysOfEveryAllowedKindReachTheGeneratedDescriptors() throws Exception {
        Compilation compilation = compile(example(
                "    @Task(concurrencyKey = \"customerId\")",
                "    public void charge(String customerId, int cents) {}",
                "    @Task(concurrencyKey = \"account\", maxConcurrent = 3)",
                "    public void sync(long account) {}",
                "    @Task(concurrencyKey = \"region\", maxConcurrent = 2)",
                "    public void report(Region region) {}",
                "    @Task(concurrencyKey = \"id\")",
                "    public void export(UUID id, Integer boxed) {}",
                "    @Task(concurrencyKey = \"boxed\")",
                "    public void audit(UUID id, Integer boxed) {}"));

        assertThat(compilation).succeeded();
        String stub = compilation.generatedSourceFile("com.example.BillingTasks").orElseThrow().getCharContent(true)
                .toString();
        org.assertj.core.api.Assertions.assertThat(stub)
                .contains(".concurrencyKey(\"customerId\", 1)")
                .contains(".concurrencyKey(\"account\", 3)")
                .contains(".concurrencyKey(\"region\", 2)")
                .contains(".concurrencyKey(\"id\", 1)")
                .contains(".concurrencyKey(\"boxed\", 1)");
    }

    @Test
    void aKeyThatNamesNoParameter() {
        JavaFileObject source = example(
                "    @Task(",
                "            concurrencyKey = \"customer\")",
                "    public void charge(String customerId, int cents) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/ConcurrencyKeyUnknown] @Task concurrencyKey \"customer\" of"
                + " Billing.charge(String, int) names no parameter of the method (its parameters are customerId, cents)")
                .inFile(source).onLineContaining("concurrencyKey = \"customer\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aKeyOnAMethodWithoutParameters() {
        JavaFileObject source = example(
                "    @Task(concurrencyKey = \"customerId\")",
                "    public void nightly() {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/ConcurrencyKeyUnknown]").inFile(source)
                .onLineContaining("concurrencyKey = \"customerId\"");
        assertThat(compilation).hadErrorContaining("(it has none)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aKeyOfATypeThatIsNotAStringNumberEnumOrUuid() {
        JavaFileObject source = example(
                "    public record Customer(String id) {}",
                "    @Task(",
                "            concurrencyKey = \"customer\")",
                "    public void charge(Customer customer) {}",
                "    @Task(",
                "            concurrencyKey = \"flag\")",
                "    public void toggle(boolean flag) {}",
                "    @Task(",
                "            concurrencyKey = \"ids\")",
                "    public void merge(java.util.List<String> ids) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/ConcurrencyKeyType] @Task concurrencyKey \"customer\" of"
                + " Billing.charge(Billing.Customer) names a parameter of type Billing.Customer, but a key must be a"
                + " String, a number, an enum or a UUID").inFile(source).onLineContaining("concurrencyKey = \"customer\"");
        assertThat(compilation).hadErrorContaining("names a parameter of type boolean").inFile(source)
                .onLineContaining("concurrencyKey = \"flag\"");
        assertThat(compilation).hadErrorContaining("names a parameter of type List<String>").inFile(source)
                .onLineContaining("concurrencyKey = \"ids\"");
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void aMaxConcurrentOutOfRange() {
        JavaFileObject source = example(
                "    @Task(concurrencyKey = \"customerId\",",
                "            maxConcurrent = 0)",
                "    public void charge(String customerId) {}",
                "    @Task(concurrencyKey = \"customerId\",",
                "            maxConcurrent = 1001)",
                "    public void refund(String customerId) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/MaxConcurrentInvalid] @Task maxConcurrent 0 of"
                + " Billing.charge(String) is out of range").inFile(source).onLineContaining("maxConcurrent = 0");
        assertThat(compilation).hadErrorContaining("[Task/MaxConcurrentInvalid] @Task maxConcurrent 1001")
                .inFile(source).onLineContaining("maxConcurrent = 1001");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void aMaxConcurrentWithoutAKey() {
        JavaFileObject source = example(
                "    @Task(queue = \"billing\",",
                "            maxConcurrent = 2)",
                "    public void charge(String customerId) {}");
        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Task/MaxConcurrentWithoutKey] @Task maxConcurrent 2 of"
                + " Billing.charge(String) has no effect without concurrencyKey").inFile(source)
                .onLineContaining("maxConcurrent = 2");
        assertThat(compilation).hadErrorCount(1);
    }
}
