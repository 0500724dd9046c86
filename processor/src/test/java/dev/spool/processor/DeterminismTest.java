package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The same sources give the same generated files, in whatever order javac receives them. */
class DeterminismTest {

    private static final List<String> INPUTS = List.of(
            "golden/input/com/example/photos/Thumbnails.java",
            "golden/input/com/example/photos/ImageRef.java",
            "golden/input/com/example/photos/Thumbnail.java",
            "golden/input/com/example/photos/Storage.java");

    @Test
    void compilingTwiceGivesIdenticalOutput() throws IOException {
        Map<String, String> first = generated(INPUTS);
        Map<String, String> second = generated(INPUTS);
        Map<String, String> reversed = generated(List.of(INPUTS.get(3), INPUTS.get(2), INPUTS.get(1), INPUTS.get(0)));

        assertThat(first).containsKeys(
                "/SOURCE_OUTPUT/com/example/photos/ThumbnailsTasks.java",
                "/SOURCE_OUTPUT/com/example/photos/SpoolWorkerMain.java",
                "/CLASS_OUTPUT/META-INF/services/dev.spool.spi.TaskTable");
        assertThat(second).isEqualTo(first);
        assertThat(reversed).isEqualTo(first);
    }

    /** Generated sources and resources by name; class files are left out. */
    private static Map<String, String> generated(List<String> inputs) throws IOException {
        Compilation compilation = compile(inputs.stream().map(Compilations::resource).toArray(JavaFileObject[]::new));
        assertThat(compilation).succeeded();
        Map<String, String> files = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                files.put(file.getName(), file.getCharContent(true).toString());
            }
        }
        return files;
    }
}
