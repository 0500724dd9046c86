package dev.spool.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.spool.processor.model.TaskModel;
import dev.spool.processor.model.WorkflowModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * Writes the implementation of a workflow interface, e.g. {@code AlbumsWorkflows}: one method per
 * {@code @Chain} or {@code @Chord}, which starts the workflow through {@code
 * dev.spool.workflow.Workflow} with the tasks' descriptor constants from their stubs.
 */
public final class WorkflowWriter {

    private static final String SPOOL_FIELD = "spool";
    private static final String OPTIONS_FIELD = "options";

    private final Generation generation;

    public WorkflowWriter(Generation generation) {
        this.generation = generation;
    }

    /** The implementation's source file. */
    public JavaFile write(WorkflowModel model) {
        ClassName implementation = model.implementation();
        TypeSpec.Builder type = generation.markGenerated(TypeSpec.classBuilder(implementation))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(model.workflowInterface())
                .addJavadoc("Starts the workflows declared in {@link $T}. Each method enqueues the workflow's jobs\n"
                        + "and returns a typed handle to its final result.\n", model.workflowInterface());
        if (model.usesDeprecatedApi()) {
            type.addAnnotation(StubWriter.suppressDeprecation());
        }
        type.addField(RuntimeNames.SPOOL, SPOOL_FIELD, Modifier.PRIVATE, Modifier.FINAL)
                .addField(RuntimeNames.JOB_OPTIONS, OPTIONS_FIELD, Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Workflows whose jobs go through {@code spool}; each task uses its own queue, retries\n"
                                + "and timeout.\n")
                        .addParameter(RuntimeNames.SPOOL, "spool")
                        .addStatement("this(spool, $T.defaults())", RuntimeNames.JOB_OPTIONS)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RuntimeNames.SPOOL, "spool")
                        .addParameter(RuntimeNames.JOB_OPTIONS, "options")
                        .addStatement("this.$N = $T.requireNonNull(spool, $S)", SPOOL_FIELD, Objects.class, "spool")
                        .addStatement("this.$N = $T.requireNonNull(options, $S)", OPTIONS_FIELD, Objects.class, "options")
                        .build())
                .addMethod(MethodSpec.methodBuilder("with")
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Workflows whose jobs use these options where a task has none of its own: queue,\n"
                                + "retries and timeout for every job, a delay for the jobs that run at once, e.g.\n"
                                + "{@code workflows.with(o -> o.queue(\"batch\").delay(Duration.ofMinutes(5)))}.\n")
                        .returns(implementation)
                        .addParameter(ParameterizedTypeName.get(
                                ClassName.get(UnaryOperator.class), RuntimeNames.JOB_OPTIONS), "change")
                        .addStatement("return new $T($N, change.apply($N))", implementation, SPOOL_FIELD, OPTIONS_FIELD)
                        .build());
        for (WorkflowModel.Method method : model.methods()) {
            type.addMethod(method(method));
        }
        return Generation.file(implementation.packageName(), type.build());
    }

    private static MethodSpec method(WorkflowModel.Method method) {
        NameAllocator names = new NameAllocator();
        MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(method.returnType())
                .varargs(method.isVarargs())
                .addJavadoc("$L\n", javadoc(method));
        for (TaskModel.ParameterModel parameter : method.parameters()) {
            spec.addParameter(parameter.type(), names.newName(parameter.name(), parameter.name()));
        }
        boolean shadowed = method.parameters().stream().anyMatch(parameter -> parameter.name().equals(SPOOL_FIELD));
        CodeBlock spool = shadowed ? CodeBlock.of("this.$N", SPOOL_FIELD) : CodeBlock.of("$N", SPOOL_FIELD);
        boolean optionsShadowed = method.parameters().stream()
                .anyMatch(parameter -> parameter.name().equals(OPTIONS_FIELD));
        CodeBlock options = optionsShadowed ? CodeBlock.of("this.$N", OPTIONS_FIELD) : CodeBlock.of("$N", OPTIONS_FIELD);
        if (method.nest().isPresent()) {
            return spec.addCode(NestWriter.body(method, names, spool, options)).build();
        }
        CodeBlock.Builder code = CodeBlock.builder().add("return ");
        switch (method.shape()) {
            case CHAIN -> {
                List<WorkflowModel.Step> steps = method.steps();
                code.add("$T.chain($L)", RuntimeNames.WORKFLOW, spool);
                code.add("\n.first($L)", call(steps.get(0), names));
                for (WorkflowModel.Step step : steps.subList(1, steps.size())) {
                    code.add("\n.then($L)", call(step, names));
                }
            }
            case LIST_CHORD -> {
                WorkflowModel.Step header = method.steps().get(0);
                String list = header.elementOf().orElseThrow();
                String element = names.newName(singular(list), new Object());
                List<CodeBlock> arguments = new ArrayList<>();
                header.bound().forEach(bound -> arguments.add(CodeBlock.of("$N", names.get(bound))));
                arguments.add(header.elementPosition(), CodeBlock.of("$N", element));
                code.add("$T.chordOver($L, $T.$N, $N, $N -> new $T[] {$L})", RuntimeNames.WORKFLOW, spool,
                        header.stub(), header.constant(), names.get(list), element, Object.class,
                        CodeBlock.join(arguments, ", "));
            }
            case MEMBER_CHORD -> {
                code.add("$T.chord($L)", RuntimeNames.WORKFLOW, spool);
                for (WorkflowModel.Step member : method.steps()) {
                    code.add("\n.member($L)", call(member, names));
                }
            }
        }
        method.callback().ifPresent(callback -> code.add("\n.callback($L)", call(callback, names)));
        method.onFailure().ifPresent(handler -> code.add("\n.onFailure($L)", call(handler, names)));
        code.add("\n.start($L)", options);
        return spec.addStatement(code.build()).build();
    }

    /** {@code ThumbnailsTasks.RENDER, image, size}: a descriptor and its bound arguments. */
    private static CodeBlock call(WorkflowModel.Step step, NameAllocator names) {
        CodeBlock.Builder call = CodeBlock.builder().add("$T.$N", step.stub(), step.constant());
        for (int i = 0; i < step.bound().size(); i++) {
            String name = names.get(step.bound().get(i));
            boolean lonelyArray = step.bound().size() == 1
                    && step.boundTypes().get(i) instanceof ArrayTypeName array
                    && !array.componentType().isPrimitive();
            if (lonelyArray) {
                // One Object[]-compatible argument would otherwise become the varargs array itself.
                call.add(", ($T) $N", Object.class, name);
            } else {
                call.add(", $N", name);
            }
        }
        return call.build();
    }

    private static String javadoc(WorkflowModel.Method method) {
        return shapeJavadoc(method) + method.onFailure()
                .map(handler -> "\nIf a job fails for good, {@code " + handler.taskName() + "} runs once with the failure.")
                .orElse("");
    }

    /**
     * One sentence on the shape: "Starts a chain of {@code A},\nthen {@code B}." A nested workflow
     * adds that it is one DAG, and what a name starting with # means.
     */
    private static String shapeJavadoc(WorkflowModel.Method method) {
        List<String> steps = method.steps().stream().map(step -> "{@code " + step.taskName() + "}").toList();
        String callback = method.callback().map(step -> "{@code " + step.taskName() + "}").orElse("");
        String shape = switch (method.shape()) {
            case CHAIN -> "Starts a chain of " + String.join(",\nthen ", steps);
            case LIST_CHORD -> "Starts a chord of " + steps.get(0) + " for each element of {@code "
                    + method.steps().get(0).elementOf().orElseThrow() + "},\nthen " + callback
                    + " with the results in input order";
            case MEMBER_CHORD -> "Starts a chord of " + String.join("\nand ", steps) + " side by side,\nthen "
                    + callback + " with their results";
        };
        if (method.nest().isEmpty()) {
            return shape + ".";
        }
        return shape + ",\nas one DAG: all its jobs are enqueued together."
                + "\nA name starting with # is another workflow method of this interface, expanded in place.";
    }

    /** {@code images} gives {@code image}; other names get an {@code element} suffix. */
    static String singular(String list) {
        if (list.length() > 1 && list.endsWith("s") && !list.endsWith("ss")) {
            return list.substring(0, list.length() - 1);
        }
        return list + "Element";
    }
}
