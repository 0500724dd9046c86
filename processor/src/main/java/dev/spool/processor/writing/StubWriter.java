package dev.spool.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/** Writes the typed stub, e.g. {@code ThumbnailsTasks}, whose methods enqueue jobs. */
public final class StubWriter {

    private static final Object SPOOL = new Object();
    private static final Object OPTIONS = new Object();

    private final Generation generation;

    public StubWriter(Generation generation) {
        this.generation = generation;
    }

    /** The stub's source file. */
    public JavaFile write(TaskClassModel model) {
        ClassName stub = model.stub();
        NameAllocator names = new NameAllocator();
        String spool = names.newName("spool", SPOOL);
        String options = names.newName("options", OPTIONS);
        List<String> constants = TaskConstants.names(model);
        constants.forEach(constant -> names.newName(constant, constant));

        TypeSpec.Builder type = generation.markGenerated(TypeSpec.classBuilder(stub))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Enqueues jobs that run the {@code @Task} methods of {@link $T}.\n"
                        + "Each method puts a job on its task's queue and returns a typed {@link $T} handle to the\n"
                        + "result; a worker runs the job later.\n", model.owner(), RuntimeNames.JOB);
        if (model.usesDeprecatedApi()) {
            type.addAnnotation(suppressDeprecation());
        }
        for (int i = 0; i < model.tasks().size(); i++) {
            type.addField(descriptor(model, model.tasks().get(i), constants.get(i)));
        }
        type.addField(RuntimeNames.SPOOL, spool, Modifier.PRIVATE, Modifier.FINAL)
                .addField(RuntimeNames.JOB_OPTIONS, options, Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("A stub whose jobs use each task's own queue, retries and timeout.\n")
                        .addParameter(RuntimeNames.SPOOL, "spool")
                        .addStatement("this(spool, $T.defaults())", RuntimeNames.JOB_OPTIONS)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RuntimeNames.SPOOL, "spool")
                        .addParameter(RuntimeNames.JOB_OPTIONS, "options")
                        .addStatement("this.$N = $T.requireNonNull(spool, $S)", spool, Objects.class, "spool")
                        .addStatement("this.$N = $T.requireNonNull(options, $S)", options, Objects.class, "options")
                        .build())
                .addMethod(MethodSpec.methodBuilder("with")
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Stubs whose jobs use these options, e.g.\n"
                                + "{@code tasks.with(o -> o.delay(Duration.ofMinutes(5)))}.\n")
                        .returns(stub)
                        .addParameter(ParameterizedTypeName.get(
                                ClassName.get(UnaryOperator.class), RuntimeNames.JOB_OPTIONS), "change")
                        .addStatement("return new $T($N, change.apply($N))", stub, spool, options)
                        .build());
        java.util.Set<String> methodNames = new java.util.HashSet<>();
        model.tasks().forEach(task -> methodNames.add(task.methodName()));
        for (int i = 0; i < model.tasks().size(); i++) {
            TaskModel task = model.tasks().get(i);
            type.addMethod(enqueue(model, task, constants.get(i), names.clone(), spool, options, Form.NOW));
            if (!methodNames.contains(task.methodName() + "Async")) {
                type.addMethod(enqueue(model, task, constants.get(i), names.clone(), spool, options, Form.ASYNC));
            }
        }
        String batchMethod = methodNames.contains("batch") ? "jobBatch" : "batch";
        ClassName batchType = stub.nestedClass(model.tasks().stream().anyMatch(t -> t.methodName().equals("Batch"))
                ? "TypedBatch" : "Batch");
        type.addMethod(MethodSpec.methodBuilder(batchMethod)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("A batch of jobs with these stubs' options, written in one round trip by {@code enqueue()}.\n")
                .returns(batchType)
                .addStatement("return new $T($N.batch())", batchType, spool)
                .build());
        type.addType(batch(model, constants, names, batchType, options));
        return Generation.file(stub.packageName(), type.build());
    }

    private static FieldSpec descriptor(TaskClassModel model, TaskModel task, String constant) {
        TypeName result = task.resultType().box();
        CodeBlock.Builder init = CodeBlock.builder();
        if (TypeRefs.needsWitness(result)) {
            init.add("$T.<$T>builder($S, $L)", RuntimeNames.TASK_DESCRIPTOR, result, task.taskName(),
                    TypeRefs.of(task.resultType()));
        } else {
            init.add("$T.builder($S, $L)", RuntimeNames.TASK_DESCRIPTOR, task.taskName(),
                    TypeRefs.of(task.resultType()));
        }
        init.add("$>$>");
        if (!task.queue().equals("default")) {
            init.add("\n.queue($S)", task.queue());
        }
        if (task.retries() != 0) {
            init.add("\n.retries($L)", task.retries());
        }
        task.timeout().ifPresent(timeout -> init.add("\n.timeout($L)", duration(timeout)));
        task.expires().ifPresent(expires -> init.add("\n.expiresIn($L)", duration(expires)));
        if (!task.noRetryFor().isEmpty()) {
            init.add("\n.noRetryFor($L)", task.noRetryFor().stream()
                    .map(type -> CodeBlock.of("$T.class", type))
                    .collect(CodeBlock.joining(", ")));
        }
        for (TaskModel.ParameterModel parameter : task.parameters()) {
            init.add("\n.param($S, $L)", parameter.name(), TypeRefs.of(parameter.type()));
        }
        task.periodic().ifPresent(periodic -> init.add("\n.periodic($S, $S, $T.$L)", periodic.cron(), periodic.zone(),
                RuntimeNames.MISSED_TICKS, periodic.missed()));
        task.unique().ifPresent(unique -> {
            if (unique.period().isPresent()) {
                init.add("\n.unique($T.$L, $L)", RuntimeNames.UNIQUE, unique.scope(), duration(unique.period().get()));
            } else {
                init.add("\n.unique($T.$L)", RuntimeNames.UNIQUE, unique.scope());
            }
        });
        task.concurrency().ifPresent(c -> init.add("\n.concurrencyKey($S, $L)", c.parameter(), c.max()));
        if (task.priority() != 0) {
            init.add("\n.priority($L)", task.priority());
        }
        init.add("\n.build()$<$<");
        FieldSpec.Builder field = FieldSpec.builder(
                        ParameterizedTypeName.get(RuntimeNames.TASK_DESCRIPTOR, result),
                        constant,
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The task {@code $L}: {@link $L}.\n", task.taskName(), link(model, task))
                .initializer(init.build());
        if (task.isDeprecated()) {
            field.addAnnotation(Deprecated.class);
        }
        return field.build();
    }

    /** How a generated method enqueues: now (a round trip), asynchronously, or into a batch. */
    private enum Form { NOW, ASYNC, BATCH }

    /** The nested typed batch: one method per task that adds a job to a {@code JobBatch}. */
    private static TypeSpec batch(TaskClassModel model, List<String> constants, NameAllocator names, ClassName batchType,
            String options) {
        ClassName stub = model.stub();
        TypeSpec.Builder type = TypeSpec.classBuilder(batchType)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(RuntimeNames.TASK_BATCH)
                .addJavadoc("Jobs of {@link $T} collected for one round trip: each method checks and adds one job and\n"
                        + "returns its handle, usable once {@link #enqueue()} returned.\n", model.owner())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RuntimeNames.JOB_BATCH, "jobs")
                        .addStatement("super(jobs)")
                        .build());
        for (int i = 0; i < model.tasks().size(); i++) {
            TaskModel task = model.tasks().get(i);
            if (task.parameters().isEmpty() && List.of("enqueue", "size", "jobBatch").contains(task.methodName())) {
                continue; // would clash with the methods of TaskBatch
            }
            type.addMethod(enqueue(model, task, constants.get(i), names.clone(), stub.simpleName() + ".this", options,
                    Form.BATCH));
        }
        return type.build();
    }

    private static MethodSpec enqueue(TaskClassModel model, TaskModel task, String constant, NameAllocator names,
            String spool, String options, Form form) {
        TypeName job = ParameterizedTypeName.get(RuntimeNames.JOB, task.resultType().box());
        MethodSpec.Builder method = MethodSpec.methodBuilder(form == Form.ASYNC ? task.methodName() + "Async" : task.methodName())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(switch (form) {
                    case NOW -> "Enqueues a job that runs {@link $L} on a worker.\n";
                    case ASYNC -> "Enqueues a job that runs {@link $L} on a worker without waiting for Redis: the\n"
                            + "arguments are checked now, the job is written on the client's enqueue thread (batched with\n"
                            + "others waiting there); the future completes with its handle.\n";
                    case BATCH -> "Adds a job that runs {@link $L} to this batch.\n";
                }, link(model, task))
                .returns(form == Form.ASYNC
                        ? ParameterizedTypeName.get(ClassName.get(java.util.concurrent.CompletableFuture.class), job) : job)
                .varargs(task.isVarargs());
        if (task.isDeprecated()) {
            method.addAnnotation(Deprecated.class);
        }
        List<CodeBlock> arguments = new ArrayList<>();
        for (TaskModel.ParameterModel parameter : task.parameters()) {
            String name = names.newName(parameter.name(), parameter);
            method.addParameter(parameter.type(), name);
            arguments.add(CodeBlock.of("$N", name));
        }
        if (task.parameters().size() == 1 && isReferenceArray(task.parameters().get(0).type())) {
            // One Object[]-compatible argument would otherwise become the varargs array itself.
            arguments.set(0, CodeBlock.of("($T) $L", Object.class, arguments.get(0)));
        }
        CodeBlock call = CodeBlock.builder()
                .add(switch (form) {
                    case NOW -> CodeBlock.of("return $N.enqueue($N, $N", spool, constant, options);
                    case ASYNC -> CodeBlock.of("return $N.enqueueAsync($N, $N", spool, constant, options);
                    case BATCH -> CodeBlock.of("return jobBatch().add($N, $L.$N", constant, spool, options);
                })
                .add(arguments.stream().map(argument -> CodeBlock.of(", $L", argument)).collect(CodeBlock.joining("")))
                .add(")")
                .build();
        return method.addStatement(call).build();
    }

    private static boolean isReferenceArray(TypeName type) {
        return type instanceof ArrayTypeName array && !array.componentType().isPrimitive();
    }

    /** {@code Thumbnails#render(ImageRef, int)}, with imports, for Javadoc links. */
    private static CodeBlock link(TaskClassModel model, TaskModel task) {
        return CodeBlock.of("$T#$L($L)", model.owner(), task.methodName(), task.parameters().stream()
                .map(parameter -> CodeBlock.of("$T", erasure(parameter.type())))
                .collect(CodeBlock.joining(", ")));
    }

    private static TypeName erasure(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            return parameterized.rawType();
        }
        if (type instanceof ArrayTypeName array) {
            return ArrayTypeName.of(erasure(array.componentType()));
        }
        return type;
    }

    /** {@code Duration.ofSeconds(30)}: the largest whole unit that states the duration exactly. */
    private static CodeBlock duration(Duration duration) {
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (nanos == 0) {
            if (seconds % 86_400 == 0) {
                return CodeBlock.of("$T.ofDays($L)", Duration.class, literal(seconds / 86_400));
            }
            if (seconds % 3_600 == 0) {
                return CodeBlock.of("$T.ofHours($L)", Duration.class, literal(seconds / 3_600));
            }
            if (seconds % 60 == 0) {
                return CodeBlock.of("$T.ofMinutes($L)", Duration.class, literal(seconds / 60));
            }
            return CodeBlock.of("$T.ofSeconds($L)", Duration.class, literal(seconds));
        }
        if (nanos % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1_000 - 1) {
            return CodeBlock.of("$T.ofMillis($L)", Duration.class, literal(seconds * 1_000 + nanos / 1_000_000));
        }
        return CodeBlock.of("$T.ofSeconds($L, $L)", Duration.class, literal(seconds), nanos);
    }

    private static String literal(long value) {
        return value > Integer.MAX_VALUE ? value + "L" : Long.toString(value);
    }

    static AnnotationSpec suppressDeprecation() {
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S}", "deprecation", "removal")
                .build();
    }
}
