package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.spool.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows that refer to tasks of another module: classes on the class path, compiled earlier,
 * with or without parameter names, with or without Spool's processor.
 */
class WorkflowClassPathTest {

    private static final JavaFileObject WORDS = source("com.example.lib.Words",
            "package com.example.lib;",
            "",
            "import dev.spool.annotations.Task;",
            "import java.util.List;",
            "",
            "public class Words {",
            "    @Task",
            "    public List<String> split(String text, String separator) {",
            "        return List.of(text.split(separator));",
            "    }",
            "",
            "    @Task",
            "    public int count(List<String> words) {",
            "        return words.size();",
            "    }",
            "",
            "    @Task(name = \"Words.loud\")",
            "    public String shout(String text) {",
            "        return text.toUpperCase(java.util.Locale.ROOT);",
            "    }",
            "",
            "    @Task",
            "    public String join(List<String> words, String first, String second) {",
            "        return first + String.join(\" \", words) + second;",
            "    }",
            "}");

    @TempDir
    Path library;

    /** Compiles {@link #WORDS} into {@link #library} with these options, e.g. {@code -g:none}. */
    private void compileLibrary(String... options) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(library.toFile()));
            files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(library.toFile()));
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, null, List.of(options), null, List.of(WORDS));
            task.setProcessors(List.of(new SpoolProcessor()));
            assertThat(task.call()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Compilation compileAgainstLibrary(JavaFileObject... sources) {
        List<File> classPath = new ArrayList<>();
        classPath.add(library.toFile());
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .forEach(classPath::add);
        return javac().withProcessors(new SpoolProcessor())
                .withOptions("-Xlint:all,-processing")
                .withClasspath(classPath)
                .compile(sources);
    }

    private static JavaFileObject flows(String pkg, String... body) {
        List<String> lines = new ArrayList<>(List.of(
                "package " + pkg + ";",
                "",
                "import dev.spool.Job;",
                "import dev.spool.annotations.Chain;",
                "",
                "public interface Flows {"));
        lines.addAll(List.of(body));
        lines.add("}");
        return source(pkg + ".Flows", lines.toArray(String[]::new));
    }

    @Test
    void findsTasksOfAnotherModuleByClassAndByExplicitName() {
        compileLibrary("-parameters");
        JavaFileObject flows = flows("com.example.lib",
                "    @Chain({\"Words.split\", \"Words.count\"})",
                "    Job<Integer> countWords(String text, String separator);",
                "",
                "    @Chain({\"Words.loud\", \"com.example.lib.Words.split\"})",
                "    Job<java.util.List<String>> loudWords(String text, String separator);");
        Compilation compilation = compileAgainstLibrary(flows);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.lib.FlowsWorkflows")
                .contentsAsUtf8String()
                .contains(".first(WordsTasks.SHOUT, text)\n                .then(WordsTasks.SPLIT, separator)");
    }

    @Test
    void qualifiedReferenceFromAnotherPackage() {
        compileLibrary("-parameters");
        JavaFileObject flows = flows("com.example.app",
                "    @Chain({\"com.example.lib.Words.split\", \"com.example.lib.Words.count\"})",
                "    Job<Integer> countWords(String text, String separator);");
        Compilation compilation = compileAgainstLibrary(flows);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void withoutParameterNamesBindsByTypeWhenUnambiguous() {
        compileLibrary("-g:none");
        JavaFileObject flows = flows("com.example.lib",
                "    @Chain({\"Words.loud\", \"Words.split\"})",
                "    Job<java.util.List<String>> loudWords(String text, int unusedCount);");
        Compilation unusedAndUnbound = compileAgainstLibrary(flows);
        // 'text' is the only String, so Words.loud's arg0 binds to it; split's second String then too.
        assertThat(unusedAndUnbound).hadErrorContaining("[Workflow/UnusedParameter] Parameter 'unusedCount'");

        JavaFileObject clean = flows("com.example.lib",
                "    @Chain({\"Words.loud\", \"Words.split\"})",
                "    Job<java.util.List<String>> loudWords(String text);");
        assertThat(compileAgainstLibrary(clean)).succeededWithoutWarnings();
    }

    @Test
    void withoutParameterNamesAndTwoCandidates() {
        compileLibrary("-g:none");
        JavaFileObject flows = flows("com.example.lib",
                "    @Chain({\"Words.split\",",
                "            \"Words.join\"})",
                "    Job<String> joined(String text, String separator);");
        Compilation compilation = compileAgainstLibrary(flows);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnnamedParameter] Parameter 1 (String) of task Words.split, step 1 of"
                                + " Flows.joined(String, String), cannot be bound: its class was compiled without"
                                + " parameter names, and the workflow method has 2 parameters of that type ('text',"
                                + " 'separator'). Compile com.example.lib.Words with -parameters (or with debug"
                                + " information, -g), or give the workflow method exactly one parameter of type"
                                + " String.")
                .inFile(flows)
                .onLineContaining("\"Words.split\"");
        assertThat(compilation).hadErrorContaining("[Workflow/UnnamedParameter] Parameter 2 (String) of task Words.join")
                .inFile(flows)
                .onLineContaining("\"Words.join\"");
    }

    @Test
    void taskClassCompiledWithoutSpool() {
        compileLibrary("-proc:none", "-parameters");
        JavaFileObject flows = flows("com.example.lib",
                "    @Chain({\"Words.split\", \"Words.count\"})",
                "    Job<Integer> countWords(String text, String separator);");
        Compilation compilation = compileAgainstLibrary(flows);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/MissingStub] @Chain of Flows.countWords(String, String) refers to task"
                                + " \"Words.split\" (Words.split(String, String)), but its stub constant"
                                + " com.example.lib.WordsTasks.SPLIT is not on the class path, so the workflow cannot"
                                + " enqueue it. Compile com.example.lib.Words with Spool's annotation processor.")
                .inFile(flows)
                .onLineContaining("@Chain");
        assertThat(compilation).hadErrorCount(2);
    }
}
