package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.resource;
import static dev.spool.processor.Compilations.text;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources for {@code golden/input} must equal {@code golden/expected} exactly: a
 * plain class with generics, void, static, varargs and overloads; a nested class; an interface
 * with a default method (no constructor: the provider route).
 */
class GoldenTest {

    private static Compilation compilation;

    @BeforeAll
    static void compileGoldenInput() {
        compilation = compile(
                resource("golden/input/com/example/photos/Thumbnails.java"),
                resource("golden/input/com/example/photos/ImageRef.java"),
                resource("golden/input/com/example/photos/Thumbnail.java"),
                resource("golden/input/com/example/photos/Storage.java"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ThumbnailsTasks",
        "ThumbnailsTaskTable",
        "Thumbnails_UploaderTasks",
        "Thumbnails_UploaderTaskTable",
        "StorageTasks",
        "StorageTaskTable"
    })
    void generatesExactlyTheGoldenSource(String simpleName) {
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("com.example.photos." + simpleName)
                .contentsAsUtf8String()
                .isEqualTo(text("golden/expected/com/example/photos/" + simpleName + ".java"));
    }
}
