package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.spool.naming.Names;
import dev.spool.naming.Names.TaskMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Workflows bind to a stub's descriptor constants by name, also from other modules; the names of
 * overloads must not depend on the order of the methods, or reordering two methods would rebind
 * a workflow compiled earlier to the other task.
 */
class OverloadConstantsTest {

    private static final List<String> RENDER_TO_SIZE = List.of(
            "    @Task(name = \"Photos.renderToSize\")",
            "    public String render(String uri, int size) { return uri + size; }",
            "");
    private static final List<String> RENDER_DEFAULT = List.of(
            "    @Task(name = \"Photos.renderDefault\")",
            "    public String render(String uri) { return uri; }",
            "");
    private static final List<String> RENDER_NOTHING = List.of(
            "    @Task(name = \"Photos.renderNothing\")",
            "    public String render() { return \"\"; }",
            "");

    private static JavaFileObject photos(List<List<String>> methods) {
        List<String> lines = new ArrayList<>(List.of("package com.example;", "", "import dev.spool.annotations.Task;", "",
                "public class Photos {"));
        methods.forEach(lines::addAll);
        lines.add("}");
        return source("com.example.Photos", lines.toArray(String[]::new));
    }

    private static final JavaFileObject FLOWS = source("com.example.Flows",
            "package com.example;",
            "",
            "import dev.spool.Job;",
            "import dev.spool.annotations.Chain;",
            "",
            "public interface Flows {",
            "    @Chain({\"Photos.renderDefault\", \"Photos.renderDefault\"})",
            "    Job<String> twice(String uri);",
            "}");

    /** Task name to descriptor constant, read from the generated stub. */
    private static Map<String, String> constants(Compilation compilation) {
        Pattern constant = Pattern.compile("TaskDescriptor<\\w+> (\\w+) = TaskDescriptor\\.builder\\(\"([^\"]+)\"");
        Map<String, String> byTask = new TreeMap<>();
        try {
            Matcher m = constant.matcher(compilation.generatedSourceFile("com.example.PhotosTasks").orElseThrow()
                    .getCharContent(true));
            while (m.find()) {
                byTask.put(m.group(2), m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byTask;
    }

    @Test
    void reorderingOverloadsKeepsEveryConstantOnItsTask() {
        Compilation before = compile(photos(List.of(RENDER_TO_SIZE, RENDER_DEFAULT, RENDER_NOTHING)), FLOWS);
        Compilation after = compile(photos(List.of(RENDER_NOTHING, RENDER_DEFAULT, RENDER_TO_SIZE)), FLOWS);
        assertThat(before).succeeded();
        assertThat(after).succeeded();

        assertThat(constants(before)).isEqualTo(Map.of(
                "Photos.renderToSize", "RENDER_STRING_INT",
                "Photos.renderDefault", "RENDER_STRING",
                "Photos.renderNothing", "RENDER_NO_ARGS"));
        assertThat(constants(after)).isEqualTo(constants(before));
        for (Compilation compilation : List.of(before, after)) {
            assertThat(compilation).generatedSourceFile("com.example.FlowsWorkflows").contentsAsUtf8String()
                    .contains(".first(PhotosTasks.RENDER_STRING, uri)\n                .then(PhotosTasks.RENDER_STRING)");
        }
    }

    @Test
    void namesOfOverloadsDependOnTheirParameterTypesOnly() {
        TaskMethod a = new TaskMethod("render", List.of("com.a.Image", "int"));
        TaskMethod b = new TaskMethod("render", List.of("com.b.Image", "int"));
        TaskMethod array = new TaskMethod("render", List.of("byte[][]"));
        TaskMethod nested = new TaskMethod("render", List.of("com.example.Outer.ImageRef"));
        assertThat(Names.descriptorConstants(List.of(a, b, array, nested)))
                .containsExactly("RENDER_COM_A_IMAGE_INT", "RENDER_COM_B_IMAGE_INT", "RENDER_BYTE_ARRAY_ARRAY", "RENDER_IMAGE_REF");
        assertThat(Names.descriptorConstants(List.of(nested, array, b, a)))
                .containsExactly("RENDER_IMAGE_REF", "RENDER_BYTE_ARRAY_ARRAY", "RENDER_COM_B_IMAGE_INT", "RENDER_COM_A_IMAGE_INT");
        // names that still clash are numbered by signature, not by position
        TaskMethod camel = new TaskMethod("renderAll", List.of());
        TaskMethod snake = new TaskMethod("render_all", List.of());
        assertThat(Names.descriptorConstants(List.of(camel, snake))).containsExactly("RENDER_ALL", "RENDER_ALL_2");
        assertThat(Names.descriptorConstants(List.of(snake, camel))).containsExactly("RENDER_ALL_2", "RENDER_ALL");
        // a single method keeps its plain name
        assertThat(Names.descriptorConstants(List.of(new TaskMethod("parseURL", List.of("java.lang.String")))))
                .containsExactly("PARSE_URL");
    }
}
