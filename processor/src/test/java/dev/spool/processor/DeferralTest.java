package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A task whose parameter type another processor generates in the first round: Spool waits for
 * the type instead of failing.
 */
class DeferralTest {

    /** Generates {@code com.example.Payload} in its first round. */
    static final class PayloadGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer writer = processingEnv.getFiler().createSourceFile("com.example.Payload").openWriter()) {
                    writer.write("package com.example;\n\n/** Generated. */\npublic record Payload(String text) {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                try (Writer writer = processingEnv.getFiler().createSourceFile("com.example.PayloadLost").openWriter()) {
                    writer.write("package com.example;\n\n/** Generated. */\npublic class PayloadLost extends Exception {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void waitsForATypeThatAnotherProcessorGenerates() {
        JavaFileObject source = source("com.example.Inbox",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "import java.util.List;",
                "",
                "public class Inbox {",
                "    @Task(noRetryFor = PayloadLost.class)",
                "    public Payload receive(List<Payload> payloads) {",
                "        return payloads.get(0);",
                "    }",
                "}");

        Compilation compilation = compile(List.of(), List.of(new PayloadGenerator()), source);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("com.example.InboxTasks")
                .contentsAsUtf8String()
                .contains("public Job<Payload> receive(List<Payload> payloads) {");
        assertThat(compilation)
                .generatedSourceFile("com.example.InboxTasks")
                .contentsAsUtf8String()
                .contains(".noRetryFor(PayloadLost.class)");
        assertThat(compilation).generatedSourceFile("com.example.InboxTaskTable");
        assertThat(compilation).generatedSourceFile("com.example.SpoolWorkerMain");
    }

    @Test
    void workflowWaitsForATaskWhoseTypeAnotherProcessorGenerates() {
        JavaFileObject tasks = source("com.example.Inbox",
                "package com.example;",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class Inbox {",
                "    @Task",
                "    public Payload receive(String text) {",
                "        return new Payload(text);",
                "    }",
                "",
                "    @Task",
                "    public String read(Payload payload) {",
                "        return payload.text();",
                "    }",
                "}");
        JavaFileObject flows = source("com.example.Mail",
                "package com.example;",
                "",
                "import dev.spool.Job;",
                "import dev.spool.annotations.Chain;",
                "",
                "public interface Mail {",
                "    @Chain({\"Inbox.receive\", \"Inbox.read\"})",
                "    Job<String> roundTrip(String text);",
                "}");

        Compilation compilation = compile(List.of(), List.of(new PayloadGenerator()), tasks, flows);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("com.example.MailWorkflows")
                .contentsAsUtf8String()
                .contains(".first(InboxTasks.RECEIVE, text)");
    }
}
