package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.spool.processor.Compilations.compile;
import static dev.spool.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The service file and the worker main class, which the whole compilation shares. */
class WorkerAggregationTest {

    private static JavaFileObject taskClass(String packageName, String simpleName) {
        return source(packageName + "." + simpleName,
                "package " + packageName + ";",
                "",
                "import dev.spool.annotations.Task;",
                "",
                "public class " + simpleName + " {",
                "    @Task",
                "    public void run() {}",
                "}");
    }

    @Test
    void listsEveryTableSortedAndPutsTheMainInTheCommonPackage() {
        Compilation compilation = compile(
                taskClass("com.example.mail", "Mailer"),
                taskClass("com.example.billing", "Invoices"),
                taskClass("com.example.billing", "Accounts"));

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.spool.spi.TaskTable")
                .contentsAsUtf8String()
                .isEqualTo("com.example.billing.AccountsTaskTable\n"
                        + "com.example.billing.InvoicesTaskTable\n"
                        + "com.example.mail.MailerTaskTable\n");
        assertThat(compilation)
                .generatedSourceFile("com.example.SpoolWorkerMain")
                .contentsAsUtf8String()
                .isEqualTo(String.join("\n",
                        "package com.example;",
                        "",
                        "import dev.spool.worker.WorkerCommand;",
                        "import javax.annotation.processing.Generated;",
                        "",
                        "/**",
                        " * Runs a Spool worker for the tasks of this module: every task table listed in",
                        " * {@code META-INF/services/dev.spool.spi.TaskTable}. Task classes with an {@code @Inject}",
                        " * constructor come from the {@code TaskInstanceProvider} listed in",
                        " * {@code META-INF/services/dev.spool.TaskInstanceProvider} or named by",
                        " * {@code --instance-provider}. See {@link WorkerCommand} for the arguments.",
                        " */",
                        "@Generated(\"dev.spool.processor.SpoolProcessor\")",
                        "public final class SpoolWorkerMain {",
                        "    private SpoolWorkerMain() {",
                        "    }",
                        "",
                        "    /**",
                        "     * Runs the worker until it is stopped, then exits with its status.",
                        "     */",
                        "    public static void main(String[] args) {",
                        "        System.exit(WorkerCommand.run(args));",
                        "    }",
                        "}",
                        ""));
    }

    @Test
    void putsTheMainInTheFirstPackageWhenTheTaskClassesShareNone() {
        Compilation compilation = compile(taskClass("org.one", "Alpha"), taskClass("com.two", "Beta"));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.two.SpoolWorkerMain");
    }

    @Test
    void namesTheMainAfterTheOption() {
        Compilation compilation = compile(
                List.of("-Aspool.workerMain=com.example.app.PhotoWorker"), taskClass("com.example.photos", "Photos"));

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("com.example.app.PhotoWorker")
                .contentsAsUtf8String()
                .contains("public final class PhotoWorker {");
    }

    @Test
    void rejectsAnInvalidWorkerMainOption() {
        Compilation compilation = compile(
                List.of("-Aspool.workerMain=com.example.1Worker"), taskClass("com.example.photos", "Photos"));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(
                "[Spool/InvalidOption] Option -Aspool.workerMain=com.example.1Worker is invalid: it is not a fully"
                        + " qualified Java class name");
    }

    @Test
    void warnsAboutAnUnknownSpoolOption() {
        Compilation compilation = compile(
                List.of("-Aspool.wokerMain=com.example.Worker"), taskClass("com.example.photos", "Photos"));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(
                "[Spool/UnknownOption] Option -Aspool.wokerMain is not a Spool option and is ignored. Spool's"
                        + " options are: spool.workerMain.");
    }

    @Test
    void generatesNothingSharedWithoutTasks() {
        Compilation compilation = compile(source("com.example.Plain", "package com.example;", "class Plain {}"));

        assertThat(compilation).succeededWithoutWarnings();
        org.assertj.core.api.Assertions.assertThat(compilation.generatedFiles())
                .noneMatch(file -> file.getName().contains("SpoolWorkerMain") || file.getName().contains("META-INF"));
    }
}
