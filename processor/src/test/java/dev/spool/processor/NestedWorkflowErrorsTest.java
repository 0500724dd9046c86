package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.resource;
import static dev.spool.processor.WorkflowErrorsTest.flows;
import static dev.spool.processor.WorkflowGoldenTest.withPhotos;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The compile errors of nested workflows ({@code "#name"} in a step, member, header, callback or
 * onFailure): one test per message, and type errors inside a nested shape. Each error points at the
 * reference through which the problem is reached, in the annotation of the method it is reported
 * for. The fixtures are those of {@link WorkflowGoldenTest} plus {@code Sharing}.
 */
class NestedWorkflowErrorsTest {

    /** The tasks of the nested fixtures: uploads to destinations, their announcement, an error handler. */
    static JavaFileObject sharing() {
        return resource(WorkflowGoldenTest.INPUT + "photos/Sharing.java");
    }

    private static Compilation compileFlows(JavaFileObject flows) {
        return compile(List.of("-Xlint:-processing"), withPhotos(sharing(), flows));
    }

    /** The broadcast chord of one upload per destination, as in the golden {@code Publications}. */
    private static final String[] UPLOAD_ALL = {
        "",
        "    @Chord(header = \"Sharing.uploadTo\", callback = \"Sharing.sorted\")",
        "    Job<List<String>> uploadAll(Thumbnail thumbnail, List<String> destinations);"
    };

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void unknownWorkflowWithSuggestion() {
        JavaFileObject source = flows(concat(new String[] {
                "    @Chain({",
                "        \"Thumbnails.render\",",
                "        \"#uploadAl\"})",
                "    Job<List<String>> go(ImageRef image, int size, List<String> destinations);"}, UPLOAD_ALL));
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnknownWorkflow] @Chain of Flows.go(ImageRef, int, List<String>) refers to workflow"
                                + " method \"#uploadAl\", but Flows declares or inherits no @Chain or @Chord method of"
                                + " that name. Did you mean \"#uploadAll\"? A name starting with # is a workflow method"
                                + " of the same interface; a task is named without #.")
                .inFile(source)
                .onLineContaining("\"#uploadAl\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void taskNamedWithHashInAChordHeaderIsAnUnknownWorkflow() {
        JavaFileObject source = flows(
                "    @Chord(",
                "        header = \"#Thumbnails.render\",",
                "        callback = \"Thumbnails.count\")",
                "    Job<Integer> go(List<ImageRef> images, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnknownWorkflow] @Chord of Flows.go(List<ImageRef>, int) refers to workflow method"
                                + " \"#Thumbnails.render\", but Flows declares or inherits no @Chain or @Chord method"
                                + " of that name. A name starting with # is a workflow method of the same interface;"
                                + " a task is named without #.")
                .inFile(source)
                .onLineContaining("header = ");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void overloadedWorkflowMethodIsAmbiguous() {
        JavaFileObject source = flows(
                "    @Chord(members = {",
                "        \"#ship\",",
                "        \"Extract.text\"}, callback = \"Sharing.caption\")",
                "    Job<String> go(ImageRef image, int size, String documentId);",
                "",
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    Job<String> ship(ImageRef image, int size);",
                "",
                "    @Chain({\"storage.upload\", \"Mailer.notifyOwner\"})",
                "    Job<String> ship(Thumbnail thumbnail, String email);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/AmbiguousWorkflow] @Chord of Flows.go(ImageRef, int, String) refers to workflow"
                                + " method \"#ship\", which is overloaded: Flows.ship(ImageRef, int) and"
                                + " Flows.ship(Thumbnail, String). Rename one of them.")
                .inFile(source)
                .onLineContaining("\"#ship\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void workflowThatContainsItself() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Mailer.notifyOwner\",",
                "        \"#loop\"})",
                "    Job<String> loop(String url, String email);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/Cycle] @Chain of Flows.loop(String, String) refers to \"#loop\", which closes a"
                                + " cycle of workflow methods: loop -> #loop. A workflow cannot contain itself;"
                                + " replace one reference with the tasks it should run.")
                .inFile(source)
                .onLineContaining("\"#loop\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void cycleOfTwoMethodsIsReportedAtEachOfThemAndNotAtAMethodThatReachesIt() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Mailer.notifyOwner\",",
                "        \"#pong\"})",
                "    Job<String> ping(String url, String email);",
                "",
                "    @Chain({",
                "        \"Mailer.notifyOwner\",",
                "        \"#ping\"})",
                "    Job<String> pong(String url, String email);",
                "",
                "    @Chord(members = {\"#ping\", \"Extract.text\"}, callback = \"Sharing.caption\")",
                "    Job<String> outer(String url, String email, String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/Cycle] @Chain of Flows.ping(String, String) refers to \"#pong\", which closes a"
                                + " cycle of workflow methods: ping -> #pong -> #ping.")
                .inFile(source)
                .onLineContaining("\"#pong\"");
        assertThat(compilation).hadErrorContaining(
                        "[Workflow/Cycle] @Chain of Flows.pong(String, String) refers to \"#ping\", which closes a"
                                + " cycle of workflow methods: pong -> #ping -> #pong.")
                .inFile(source)
                .onLineContaining("\"#ping\"})");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void fedParameterTakenByALaterJobOfTheNestedShape() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"storage.upload\",",
                "        \"#analyze\"})",
                "    Job<Summary> go(Thumbnail thumbnail);",
                "",
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"}, callback = \"Extract.merge\")",
                "    Job<Summary> analyze(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/FedParameter] @Chain of Flows.go(Thumbnail) nests #analyze, where its parameter"
                                + " 'documentId' is the result of another job, known only when that job has run; but"
                                + " Extract.merge takes it as its parameter 3 'documentId'. Only the first parameter of"
                                + " the jobs that start #analyze (a chain's first step, each member, each header job)"
                                + " can receive it: take it there, or bind that parameter to another workflow"
                                + " parameter.")
                .inFile(source)
                .onLineContaining("\"#analyze\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void problemOfANestedShapeIsReportedOnceAtTheMethodWhoseShapeHasIt() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"#mid\"})",
                "    Job<Summary> top(ImageRef image, int size);",
                "",
                "    @Chain({",
                "        \"storage.upload\",",
                "        \"#analyze\"})",
                "    Job<Summary> mid(Thumbnail thumbnail);",
                "",
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"}, callback = \"Extract.merge\")",
                "    Job<Summary> analyze(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/FedParameter] @Chain of Flows.mid(Thumbnail) nests #analyze, where its parameter"
                                + " 'documentId' is the result of another job")
                .inFile(source)
                .onLineContaining("\"#analyze\"");
        // Not again at top's "#mid", through which the same shape is reached.
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nestedChordCannotFanOutOverAResult() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Extract.images\",",
                "        \"#renderAll\"})",
                "    Job<Integer> go(String documentId, int size);",
                "",
                "    @Chord(header = \"Thumbnails.render\", callback = \"Thumbnails.count\")",
                "    Job<Integer> renderAll(List<ImageRef> images, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/DynamicFanOut] @Chain of Flows.go(String, int) nests #renderAll, whose chord fans"
                                + " out over parameter 'images'; there it is the result of another job, and Spool fans"
                                + " out only over lists known when the workflow starts. Give #renderAll the broadcast"
                                + " form m(T value, List<E> items, ...), whose header jobs take the result first and"
                                + " one element of a list parameter second.")
                .inFile(source)
                .onLineContaining("\"#renderAll\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nestedWorkflowWithItsOwnErrorHandler() {
        JavaFileObject source = flows(
                "    @Chord(members = {",
                "        \"#ship\",",
                "        \"Extract.text\"}, callback = \"Sharing.caption\")",
                "    Job<String> go(ImageRef image, int size, String email, String documentId);",
                "",
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"}, onFailure = \"Sharing.alert\")",
                "    Job<String> ship(ImageRef image, int size, String email);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/NestedOnFailure] @Chord of Flows.go(ImageRef, int, String, String) nests #ship,"
                                + " which has its own onFailure handler Sharing.alert; a workflow runs one handler, the"
                                + " outermost one's, so that one would never run. Move it to go's annotation, or"
                                + " remove it.")
                .inFile(source)
                .onLineContaining("\"#ship\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void errorHandlerThatIsAWorkflowMethod() {
        JavaFileObject source = flows(
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"},",
                "           onFailure = \"#forgetAll\")",
                "    Job<String> go(ImageRef image, int size);",
                "",
                "    @Chain({\"Thumbnails.forget\", \"Thumbnails.describe\"})",
                "    Job<String> forgetAll(ImageRef image, int count);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/OnFailureWorkflow] onFailure \"#forgetAll\" of Flows.go(ImageRef, int) names a"
                                + " workflow method (a name starting with #), but an error handler is one task. Name a"
                                + " @Task there, without #; the handler of the outermost workflow also covers the"
                                + " workflows nested in it.")
                .inFile(source)
                .onLineContaining("onFailure = ");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void errorHandlerNamedWithHashButNoSuchWorkflowMethodIsTheSameErrorNotAClaimThatOneExists() {
        JavaFileObject source = flows(
                "    @Chain(value = {\"Thumbnails.render\", \"storage.upload\"},",
                "           onFailure = \"#noSuchMethod\")",
                "    Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/OnFailureWorkflow] onFailure \"#noSuchMethod\" of Flows.go(ImageRef, int) names a"
                                + " workflow method (a name starting with #), but an error handler is one task.")
                .inFile(source)
                .onLineContaining("onFailure = ");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void stepAfterANestedWorkflowThatCannotTakeItsResult() {
        JavaFileObject source = flows(concat(new String[] {
                "    @Chain({",
                "        \"Thumbnails.render\",",
                "        \"#uploadAll\",",
                "        \"Thumbnails.describe\"})",
                "    Job<String> go(ImageRef image, int size, List<String> destinations);"}, UPLOAD_ALL));
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/StepInput] Step 3 of Flows.go(ImageRef, int, List<String>), task Thumbnails.describe,"
                                + " cannot take the result of step 2 (#uploadAll returns List<String>): its first"
                                + " parameter 'count' is an int, and a List<String> is not an int.")
                .inFile(source)
                .onLineContaining("\"Thumbnails.describe\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nestedWorkflowThatCannotTakeThePreviousResult() {
        JavaFileObject source = flows(concat(new String[] {
                "    @Chain({",
                "        \"Extract.text\",",
                "        \"#uploadAll\"})",
                "    Job<List<String>> go(String documentId, List<String> destinations);"}, UPLOAD_ALL));
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/StepInput] Step 2 of Flows.go(String, List<String>), task #uploadAll, cannot take the"
                                + " result of step 1 (Extract.text returns String): its first parameter 'thumbnail' is"
                                + " a Thumbnail, and a String is not a Thumbnail.")
                .inFile(source)
                .onLineContaining("\"#uploadAll\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nestedCallbackThatDoesNotTakeTheMembersResults() {
        JavaFileObject source = flows(
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"},",
                "           callback = \"#ship\")",
                "    Job<String> go(String documentId, int size);",
                "",
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    Job<String> ship(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/CallbackInputs] @Chord callback #ship of Flows.go(String, int) must take one parameter"
                                + " per member, in member order (String, List<ImageRef>), then parameters bound by"
                                + " name; but its parameter 1 'image' is an ImageRef, and member 1 Extract.text returns"
                                + " String: a String is not an ImageRef.")
                .inFile(source)
                .onLineContaining("callback = \"#ship\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void errorInsideANestedWorkflowIsReportedOnceAtItsOwnAnnotation() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"#uploadAll\"})",
                "    Job<Integer> go(ImageRef image, int size, List<String> destinations);",
                "",
                "    @Chord(header = \"Sharing.uploadTo\",",
                "           callback = \"Thumbnails.count\")",
                "    Job<Integer> uploadAll(Thumbnail thumbnail, List<String> destinations);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/CallbackInput] @Chord callback Thumbnails.count of Flows.uploadAll(Thumbnail,"
                                + " List<String>) must take the header's results as its first parameter, a"
                                + " List<String> in input order, but its first parameter 'thumbnails' is a"
                                + " List<Thumbnail>.")
                .inFile(source)
                .onLineContaining("callback = \"Thumbnails.count\"");
        assertThat(compilation).hadErrorCount(1);
    }
}
