package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static dev.spool.processor.WorkflowGoldenTest.withPhotos;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code onFailure} on {@code @Chain} and {@code @Chord}: the handler's checks and the generated call. */
class OnFailureErrorsTest {

    /** Error handlers beside the photo fixtures. */
    private static final JavaFileObject ALERTS = source("com.example.photos.Alerts",
            "package com.example.photos;",
            "",
            "import dev.spool.annotations.Task;",
            "import dev.spool.workflow.WorkflowFailure;",
            "",
            "public class Alerts {",
            "    @Task",
            "    public void alert(WorkflowFailure failure, String email) {}",
            "",
            "    @Task",
            "    public void shout(String message) {}",
            "}");

    private static JavaFileObject flows(String... body) {
        String[] header = {
            "package com.example.albums;",
            "",
            "import com.example.photos.*;",
            "import dev.spool.Job;",
            "import dev.spool.annotations.Chain;",
            "import dev.spool.annotations.Chord;",
            "import java.util.List;",
            "",
            "public interface Flows {"
        };
        String[] lines = new String[header.length + body.length + 1];
        System.arraycopy(header, 0, lines, 0, header.length);
        System.arraycopy(body, 0, lines, header.length, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.albums.Flows", lines);
    }

    private static Compilation compileFlows(JavaFileObject flows) {
        return compile(List.of("-Xlint:-processing"), withPhotos(ALERTS, flows));
    }

    @Test
    void handlerOfAChainAndOfAChordIsStartedWithTheWorkflowAndItsOtherParametersBindByName() {
        JavaFileObject source = flows(
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"}, onFailure = \"Alerts.alert\")",
                "    Job<String> ship(ImageRef image, int size, String email);",
                "",
                "    @Chord(header = \"Thumbnails.render\", callback = \"Thumbnails.count\", onFailure = \"Alerts.alert\")",
                "    Job<Integer> count(List<ImageRef> images, int size, String email);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.albums.FlowsWorkflows").contentsAsUtf8String()
                .contains(".then(StorageTasks.UPLOAD)\n                .onFailure(AlertsTasks.ALERT, email)\n                .start(options)");
        assertThat(compilation).generatedSourceFile("com.example.albums.FlowsWorkflows").contentsAsUtf8String()
                .contains(".callback(ThumbnailsTasks.COUNT)\n                .onFailure(AlertsTasks.ALERT, email)");
    }

    @Test
    void handlerThatDoesNotTakeTheFailureFirst() {
        JavaFileObject source = flows(
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"},",
                "           onFailure = \"Alerts.shout\")",
                "    Job<String> ship(ImageRef image, int size, String message);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/OnFailureInput] onFailure handler Alerts.shout of Flows.ship(ImageRef, int, String)"
                                + " must take the failure as its first parameter, a dev.spool.workflow.WorkflowFailure,"
                                + " but its first parameter 'message' is a String.")
                .inFile(source)
                .onLineContaining("onFailure = \"Alerts.shout\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unknownHandlerIsReportedAtItsName() {
        JavaFileObject source = flows(
                "    @Chord(header = \"Thumbnails.render\", callback = \"Thumbnails.count\",",
                "           onFailure = \"Alerts.alret\")",
                "    Job<Integer> count(List<ImageRef> images, int size, String email);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining("[Workflow/UnknownTask]")
                .inFile(source)
                .onLineContaining("onFailure = \"Alerts.alret\"");
        assertThat(compilation).hadErrorContaining("Did you mean \"Alerts.alert\"?");
    }

    @Test
    void handlerParameterWithoutAWorkflowParameterOfThatName() {
        JavaFileObject source = flows(
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"},",
                "           onFailure = \"Alerts.alert\")",
                "    Job<String> ship(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining("[Workflow/UnboundParameter] Parameter 'email' (String) of task"
                        + " Alerts.alert, the onFailure handler of Flows.ship(ImageRef, int)")
                .inFile(source)
                .onLineContaining("onFailure = \"Alerts.alert\"");
        assertThat(compilation).hadErrorCount(1);
    }
}
