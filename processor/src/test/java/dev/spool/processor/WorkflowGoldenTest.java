package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.resource;
import static dev.spool.processor.Compilations.text;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The implementations generated for {@code golden/workflows/input/.../Albums.java} (a chain, a
 * chord over a list and a chord of members) and {@code Publications.java} (nested workflows: a
 * chain with a chord step, a chord of chains with an error handler, a nested member and callback)
 * must equal the golden files exactly.
 */
class WorkflowGoldenTest {

    static final String INPUT = "golden/workflows/input/com/example/";

    private static Compilation compilation;
    private static Compilation nested;

    /** The task classes and records of the workflow fixtures. */
    static JavaFileObject[] photos() {
        return Stream.of("ImageRef", "Thumbnail", "Album", "Summary", "Thumbnails", "Storage", "Mailer", "Extract")
                .map(name -> resource(INPUT + "photos/" + name + ".java"))
                .toArray(JavaFileObject[]::new);
    }

    /** The fixtures plus {@code sources}. */
    static JavaFileObject[] withPhotos(JavaFileObject... sources) {
        return Stream.concat(Stream.of(photos()), Stream.of(sources)).toArray(JavaFileObject[]::new);
    }

    @BeforeAll
    static void compileGoldenInput() {
        compilation = compile(List.of("-Xlint:-processing"), withPhotos(resource(INPUT + "albums/Albums.java")));
        nested = compile(List.of("-Xlint:-processing"), withPhotos(
                resource(INPUT + "photos/Sharing.java"), resource(INPUT + "albums/Publications.java")));
    }

    @Test
    void generatesExactlyTheGoldenSource() {
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.example.albums.AlbumsWorkflows")
                .contentsAsUtf8String()
                .isEqualTo(text("golden/workflows/expected/com/example/albums/AlbumsWorkflows.java"));
    }

    @Test
    void generatesExactlyTheGoldenSourceOfNestedWorkflows() {
        assertThat(nested).succeededWithoutWarnings();
        assertThat(nested)
                .generatedSourceFile("com.example.albums.PublicationsWorkflows")
                .contentsAsUtf8String()
                .isEqualTo(text("golden/workflows/expected/com/example/albums/PublicationsWorkflows.java"));
    }
}
