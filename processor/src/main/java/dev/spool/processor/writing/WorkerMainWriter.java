package dev.spool.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** Writes the worker main class, {@code SpoolWorkerMain} unless the build names another. */
public final class WorkerMainWriter {

    private final Generation generation;

    public WorkerMainWriter(Generation generation) {
        this.generation = generation;
    }

    /** The main class's source file. */
    public JavaFile write(ClassName main) {
        TypeSpec type = generation.markGenerated(TypeSpec.classBuilder(main))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Runs a Spool worker for the tasks of this module: every task table listed in\n"
                        + "{@code META-INF/services/dev.spool.spi.TaskTable}. Task classes with an {@code @Inject}\n"
                        + "constructor come from the {@code TaskInstanceProvider} listed in\n"
                        + "{@code META-INF/services/dev.spool.TaskInstanceProvider} or named by\n"
                        + "{@code --instance-provider}. See {@link $T} for the arguments.\n",
                        RuntimeNames.WORKER_COMMAND)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(MethodSpec.methodBuilder("main")
                        .addJavadoc("Runs the worker until it is stopped, then exits with its status.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(String[].class, "args")
                        .addStatement("$T.exit($T.run(args))", System.class, RuntimeNames.WORKER_COMMAND)
                        .build())
                .build();
        return Generation.file(main.packageName(), type);
    }
}
