package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;
import static dev.spool.processor.WorkflowGoldenTest.withPhotos;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per workflow compile error: the message, the file and the line it points at. The task
 * classes are the fixtures of {@link WorkflowGoldenTest}; array elements of {@code @Chain} and
 * {@code @Chord} are written on lines of their own to show that each error points at its value.
 */
class WorkflowErrorsTest {

    /** {@code com.example.albums.Flows}, an interface with these lines as its body. */
    static JavaFileObject flows(String... body) {
        return type("public interface Flows {", body);
    }

    private static JavaFileObject type(String declaration, String... body) {
        String[] header = {
            "package com.example.albums;",
            "",
            "import com.example.photos.*;",
            "import dev.spool.Job;",
            "import dev.spool.annotations.Chain;",
            "import dev.spool.annotations.Chord;",
            "import java.util.List;",
            "",
            declaration
        };
        String[] lines = new String[header.length + body.length + 1];
        System.arraycopy(header, 0, lines, 0, header.length);
        System.arraycopy(body, 0, lines, header.length, body.length);
        lines[lines.length - 1] = "}";
        return source("com.example.albums.Flows", lines);
    }

    private static Compilation compileFlows(JavaFileObject flows) {
        return compile(List.of("-Xlint:-processing"), withPhotos(flows));
    }

    @Test
    void unknownTaskWithSuggestion() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Thumbnails.render\",",
                "        \"Thumbnails.publsh\"})",
                "    Job<Album> go(ImageRef image, int size, String title);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnknownTask] @Chain of Flows.go(ImageRef, int, String) refers to task"
                                + " \"Thumbnails.publsh\", but no task has that name. Did you mean"
                                + " \"Thumbnails.publish\"? Refer to a task by its @Task name (default"
                                + " SimpleClass.method); a task of another module is found as Class.method with"
                                + " Class in package com.example.albums, or as com.example.Class.method.")
                .inFile(source)
                .onLineContaining("\"Thumbnails.publsh\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unknownTaskWithoutSuggestion() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"Nowhere.toBeFound\"})",
                "    Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "refers to task \"Nowhere.toBeFound\", but no task has that name. Refer to a task")
                .inFile(source)
                .onLineContaining("Nowhere.toBeFound");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void explicitNameIsTheNameNotTheDefault() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"Storage.upload\"})",
                "    Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnknownTask] @Chain of Flows.go(ImageRef, int) refers to task \"Storage.upload\","
                                + " but no task has that name. Did you mean \"storage.upload\"?")
                .inFile(source)
                .onLineContaining("Storage.upload");
    }

    @Test
    void ambiguousTask() {
        JavaFileObject otherMailer = source("com.example.albums.Mailer",
                "package com.example.albums;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Mailer {",
                "    @Task",
                "    public String notifyOwner(String url, String email) {",
                "        return url;",
                "    }",
                "}");
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"storage.upload\",",
                "        \"Mailer.notifyOwner\"})",
                "    Job<String> go(Thumbnail thumbnail, String email);");
        Compilation compilation = compile(List.of("-Xlint:-processing"), withPhotos(otherMailer, source));

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/AmbiguousTask] @Chain of Flows.go(Thumbnail, String) refers to task"
                                + " \"Mailer.notifyOwner\", which matches Mailer.notifyOwner(String, String) in"
                                + " com.example.albums.Mailer and Mailer.notifyOwner(String, String) in"
                                + " com.example.photos.Mailer. Use the fully qualified form")
                .inFile(source)
                .onLineContaining("\"Mailer.notifyOwner\"})");
        // The two tasks also share a name, which @Task reports at the second.
        assertThat(compilation).hadErrorContaining("[Task/DuplicateName]");
    }

    @Test
    void qualifiedReferenceIsNotAmbiguous() {
        JavaFileObject otherMailer = source("com.example.albums.Helpers",
                "package com.example.albums;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Helpers {",
                "    @Task",
                "    public String shout(String text) {",
                "        return text.toUpperCase(java.util.Locale.ROOT);",
                "    }",
                "}");
        JavaFileObject source = flows(
                "    @Chain({\"com.example.photos.Extract.text\", \"com.example.albums.Helpers.shout\"})",
                "    Job<String> go(String documentId);");
        Compilation compilation = compile(List.of("-Xlint:-processing"), withPhotos(otherMailer, source));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.albums.FlowsWorkflows")
                .contentsAsUtf8String()
                .contains(".first(ExtractTasks.TEXT, documentId)\n                .then(HelpersTasks.SHOUT)");
    }

    @Test
    void stepInputWithOtherTypeArguments() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Extract.images\",",
                "        \"Thumbnails.count\"})",
                "    Job<Integer> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/StepInput] Step 2 of Flows.go(String), task Thumbnails.count, cannot take the result"
                                + " of step 1 (Extract.images returns List<ImageRef>): its first parameter"
                                + " 'thumbnails' is a List<Thumbnail>, and a List<ImageRef> is not a"
                                + " List<Thumbnail>.")
                .inFile(source)
                .onLineContaining("\"Thumbnails.count\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void boxedResultDoesNotFillPrimitive() {
        JavaFileObject source = flows(
                "    @Chain({\"Mailer.tally\", \"Thumbnails.describe\"})",
                "    Job<String> go(String text);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/StepInput] Step 2 of Flows.go(String), task Thumbnails.describe, cannot take the"
                                + " result of step 1 (Mailer.tally returns Integer): its first parameter 'count' is"
                                + " an int, and a null Integer cannot become an int; declare the parameter as"
                                + " Integer.")
                .inFile(source)
                .onLineContaining("@Chain");
    }

    @Test
    void primitiveResultFillsItsBox() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.count\", \"Thumbnails.describe\"})",
                "    Job<String> go(List<Thumbnail> thumbnails);",
                "",
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    Job<Integer> tally(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void chainWithOneStep() {
        JavaFileObject source = flows(
                "    @Chain(\"Thumbnails.render\")",
                "    Job<Thumbnail> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/TooShort] @Chain of Flows.go(ImageRef, int) has one step, but a chain needs at"
                                + " least two steps. Call the task's stub directly, or add the steps that follow it.")
                .inFile(source)
                .onLineContaining("@Chain(\"Thumbnails.render\")");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void chainWithNoSteps() {
        JavaFileObject source = flows(
                "    @Chain({})",
                "    Job<Thumbnail> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chain/TooShort] @Chain of Flows.go(ImageRef, int) has no steps, but a chain needs at"
                                + " least two steps. List the task names in order.")
                .inFile(source)
                .onLineContaining("@Chain({})");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void voidStepInTheMiddleFeedsNothing() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.forget\", \"Thumbnails.describe\"})",
                "    Job<String> go(ImageRef image, int count);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void stepAfterAVoidStepBindsItsFirstParameterByName() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Thumbnails.forget\",",
                "        \"Thumbnails.describe\"})",
                "    Job<String> go(ImageRef image);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining("[Workflow/UnboundParameter]")
                .inFile(source)
                .onLineContaining("\"Thumbnails.describe\"");
        assertThat(compilation).hadErrorContaining("'count'");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void voidLastStepGivesJobOfVoid() {
        JavaFileObject source = flows(
                "    @Chain({\"storage.upload\", \"Storage.delete\"})",
                "    Job<Void> uploadAndDelete(Thumbnail thumbnail);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void listChordCallbackThatDoesNotTakeTheResults() {
        JavaFileObject source = flows(
                "    @Chord(",
                "        header = \"Thumbnails.render\",",
                "        callback = \"Extract.merge\")",
                "    Job<Summary> go(List<ImageRef> images, int size, String text, String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/CallbackInput] @Chord callback Extract.merge of Flows.go(List<ImageRef>, int, String,"
                                + " String) must take the header's results as its first parameter, a"
                                + " List<Thumbnail> in input order, but its first parameter 'text' is a String."
                                + " Declare it as List<Thumbnail>, in which header result i is element i.")
                .inFile(source)
                .onLineContaining("callback = \"Extract.merge\"");
    }

    @Test
    void listChordOverSomethingElse() {
        JavaFileObject source = flows(
                "    @Chord(header = \"Thumbnails.render\", callback = \"Thumbnails.publish\")",
                "    Job<Album> go(ImageRef images, int size, String title);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/NoListParameter] @Chord header Thumbnails.render of Flows.go(ImageRef, int, String)"
                                + " is fanned out over the workflow method's first parameter, but its first parameter"
                                + " 'images' is an ImageRef. Make the first parameter a List<ImageRef>.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void listChordOverTheWrongElements() {
        JavaFileObject source = flows(
                "    @Chord(header = \"Thumbnails.render\", callback = \"Thumbnails.publish\")",
                "    Job<Album> go(List<String> keys, int size, String title);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/HeaderInput] @Chord header Thumbnails.render of Flows.go(List<String>, int, String)"
                                + " cannot be fanned out over parameter 'keys' (List<String>): its first parameter"
                                + " 'image' is an ImageRef, and each element is a String: a String is not an"
                                + " ImageRef.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void voidHeader() {
        JavaFileObject source = flows(
                "    @Chord(header = \"Thumbnails.forget\", callback = \"Thumbnails.count\")",
                "    Job<Integer> go(List<ImageRef> images);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/VoidMember] @Chord header Thumbnails.forget of Flows.go(List<ImageRef>) returns"
                                + " void, so it has no result for the callback. Return a value (a count, an id, a"
                                + " status), or run it in a @Chain.")
                .inFile(source)
                .onLineContaining("@Chord");
    }

    @Test
    void memberChordCallbackOutOfOrder() {
        JavaFileObject source = flows(
                "    @Chord(",
                "        members = {\"Extract.images\", \"Extract.text\"},",
                "        callback = \"Extract.merge\")",
                "    Job<Summary> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/CallbackInputs] @Chord callback Extract.merge of Flows.go(String) must take one"
                                + " parameter per member, in member order (List<ImageRef>, String), then parameters"
                                + " bound by name; but its parameter 1 'text' is a String, and member 1"
                                + " Extract.images returns List<ImageRef>: a List<ImageRef> is not a String.")
                .inFile(source)
                .onLineContaining("callback = \"Extract.merge\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void memberChordCallbackWithTooFewParameters() {
        JavaFileObject source = flows(
                "    @Chord(members = {\"Extract.text\", \"Extract.images\", \"Extract.text\", \"Extract.text\"},",
                "        callback = \"Extract.merge\")",
                "    Job<Summary> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "but it takes 3 parameters for 4 members.")
                .inFile(source)
                .onLineContaining("callback = \"Extract.merge\"");
    }

    @Test
    void voidMember() {
        JavaFileObject source = flows(
                "    @Chord(members = {\"Extract.text\",",
                "                      \"Thumbnails.forget\"},",
                "        callback = \"Mailer.notifyOwner\")",
                "    Job<String> go(String documentId, ImageRef image);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/VoidMember] @Chord member Thumbnails.forget of Flows.go(String, ImageRef) returns"
                                + " void")
                .inFile(source)
                .onLineContaining("\"Thumbnails.forget\"");
    }

    @Test
    void chordWithOneMember() {
        JavaFileObject source = flows(
                "    @Chord(members = \"Extract.text\", callback = \"Mailer.tally\")",
                "    Job<Integer> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/TooFewMembers] @Chord of Flows.go(String) has one member, but a chord with members"
                                + " needs at least two. Add the tasks that run beside it, or use @Chain for one task"
                                + " and its callback.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void chordWithHeaderAndMembers() {
        JavaFileObject source = flows(
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"},",
                "        header = \"Thumbnails.render\",",
                "        callback = \"Extract.merge\")",
                "    Job<Summary> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/HeaderOrMembers] @Chord of Flows.go(String) gives both header and members. Give"
                                + " either header (one task fanned out over a list) or members (two or more tasks"
                                + " side by side).")
                .inFile(source)
                .onLineContaining("header = \"Thumbnails.render\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void chordWithNeitherHeaderNorMembers() {
        JavaFileObject source = flows(
                "    @Chord(callback = \"Extract.merge\")",
                "    Job<Summary> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Chord/HeaderOrMembers] @Chord of Flows.go(String) has no header and no members.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unboundParameter() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Thumbnails.render\",",
                "        \"storage.upload\",",
                "        \"Mailer.notifyOwner\"})",
                "    Job<String> go(ImageRef image, int size, String mail);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnboundParameter] Parameter 'email' (String) of task Mailer.notifyOwner, step 3"
                                + " of Flows.go(ImageRef, int, String), cannot be bound: the workflow method has no"
                                + " parameter named 'email'. Add a parameter 'email' of type String to the workflow"
                                + " method, or rename the one that is meant for it.")
                .inFile(source)
                .onLineContaining("\"Mailer.notifyOwner\"");
        // 'mail' is then used by no step, but that is only reported once the steps are right.
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void parameterOfAnotherType() {
        JavaFileObject source = flows(
                "    @Chain({",
                "        \"Thumbnails.render\",",
                "        \"storage.upload\"})",
                "    Job<String> go(ImageRef image, long size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/ParameterType] Parameter 'size' of task Thumbnails.render, step 1 of"
                                + " Flows.go(ImageRef, long), has type int, but the workflow method's parameter"
                                + " 'size' has type long. A long is not an int.")
                .inFile(source)
                .onLineContaining("\"Thumbnails.render\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unusedParameter() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    Job<String> go(ImageRef image, int size,",
                "            String note);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnusedParameter] Parameter 'note' of workflow method Flows.go(ImageRef, int,"
                                + " String) is used by no step: no step has a parameter of that name. Remove it, or"
                                + " rename it to the task parameter it is meant for.")
                .inFile(source)
                .onLineContaining("String note");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void returnTypeOfAnotherResult() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    Job<Thumbnail> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/ReturnType] Workflow method Flows.go(ImageRef, int) returns Job<Thumbnail>, but"
                                + " its last step storage.upload gives String. Declare the method to return"
                                + " Job<String> (or WorkflowJob<...> for a handle to every job).")
                .inFile(source)
                .onLineContaining("Job<Thumbnail> go(");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void returnTypeOfAVoidTask() {
        JavaFileObject source = flows(
                "    @Chain({\"Extract.images\", \"Thumbnails.count\"})",
                "    Job<Integer> ok(String documentId);",
                "",
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    Integer go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/ReturnType] Workflow method Flows.go(String) returns Integer, but its last step"
                                + " Mailer.tally gives Integer. Declare the method to return Job<Integer>")
                .inFile(source)
                .onLineContaining("Integer go(");
    }

    @Test
    void notInAnInterface() {
        JavaFileObject source = type("public abstract class Flows {",
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    public abstract Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/NotInInterface] @Chain method Flows.go(ImageRef, int) is declared in Flows, which"
                                + " is not an interface. Spool implements workflow methods in a generated class, so"
                                + " declare them as abstract methods of an interface.")
                .inFile(source)
                .onLineContaining("@Chain");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void notAbstract() {
        JavaFileObject source = flows(
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"}, callback = \"Extract.merge\")",
                "    default Job<Summary> go(String documentId) {",
                "        return null;",
                "    }");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/NotAbstract] @Chord method Flows.go(String) is a default method, so Spool cannot"
                                + " implement it. Declare it as an abstract interface method: no body, not static,"
                                + " not private.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void genericWorkflowMethod() {
        JavaFileObject source = flows(
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    <T> Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/GenericMethod] @Chain method Flows.go(ImageRef, int) declares type parameters"
                                + " <T>")
                .inFile(source)
                .onLineContaining("@Chain");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void genericInterface() {
        JavaFileObject source = type("public interface Flows<T> {",
                "    @Chain({\"Thumbnails.render\", \"storage.upload\"})",
                "    Job<String> go(ImageRef image, int size);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/InvalidInterface] Spool cannot implement the workflows of Flows: it declares type"
                                + " parameters. Remove them and use concrete types.")
                .inFile(source)
                .onLineContaining("public interface Flows<T>");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void chainAndChord() {
        JavaFileObject source = flows(
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    @Chord(members = {\"Extract.text\", \"Extract.images\"}, callback = \"Extract.merge\")",
                "    Job<Integer> go(String documentId);");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/ChainAndChord] Workflow method Flows.go(String) has both @Chain and @Chord. Keep"
                                + " one of them.")
                .inFile(source)
                .onLineContaining("@Chord");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unannotatedAbstractMethod() {
        JavaFileObject source = flows(
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    Job<Integer> go(String documentId);",
                "",
                "    String name();");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/UnannotatedMethod] Flows declares workflows, but its abstract method Flows.name()"
                                + " has neither @Chain nor @Chord, so the generated FlowsWorkflows cannot implement"
                                + " it. Annotate it, give it a body (a default method), or move it to another"
                                + " interface.")
                .inFile(source)
                .onLineContaining("String name();");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void overloadedWorkflowMethodsAndObjectMethods() {
        JavaFileObject source = flows(
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    Job<Integer> go(String documentId);",
                "",
                "    @Chain({\"Thumbnails.count\", \"Thumbnails.describe\"})",
                "    Job<String> go(List<Thumbnail> thumbnails);",
                "",
                "    @Override",
                "    String toString();",
                "",
                "    default Job<Integer> twice(String documentId) {",
                "        return go(documentId + documentId);",
                "    }");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.albums.FlowsWorkflows")
                .contentsAsUtf8String()
                .contains("public Job<String> go(List<Thumbnail> thumbnails) {");
    }

    @Test
    void privateNestedInterface() {
        JavaFileObject source = type("public class Flows {",
                "    private interface Inner {",
                "        @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "        Job<Integer> go(String documentId);",
                "    }");
        Compilation compilation = compileFlows(source);

        assertThat(compilation).hadErrorContaining(
                        "[Workflow/InvalidInterface] Spool cannot implement the workflows of Flows.Inner: it is"
                                + " private. Make it package-private or public.")
                .inFile(source)
                .onLineContaining("private interface Inner");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void inheritedWorkflowsAreImplementedToo() {
        JavaFileObject base = source("com.example.albums.Base",
                "package com.example.albums;",
                "",
                "import dev.spool.Job;",
                "import dev.spool.annotations.Chain;",
                "",
                "public interface Base {",
                "    @Chain({\"Extract.text\", \"Mailer.tally\"})",
                "    Job<Integer> tally(String documentId);",
                "}");
        JavaFileObject source = type("public interface Flows extends Base {",
                "    @Chain({\"Thumbnails.count\", \"Thumbnails.describe\"})",
                "    Job<String> go(List<Thumbnail> thumbnails);");
        Compilation compilation = compile(List.of("-Xlint:-processing"), withPhotos(base, source));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.albums.FlowsWorkflows")
                .contentsAsUtf8String()
                .contains("public Job<Integer> tally(String documentId) {");
        assertThat(compilation).generatedSourceFile("com.example.albums.BaseWorkflows");
    }
}
