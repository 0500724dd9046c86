package dev.spool.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes a table's nested {@code Call} class: the {@code TaskInvoker} of every task of the table,
 * chosen by the task's index in a {@code switch}. One class per table, where a lambda per task
 * would make the JVM spin one hidden class per task when a worker loads the table (10,000 classes
 * for a service of 5,000 tasks). Tables of more than {@link TableWriter#CHUNK} tasks split the
 * {@code switch} into static methods of {@code CHUNK} cases each.
 */
final class InvokerWriter {

    static final String NAME = "Call";

    private InvokerWriter() {}

    /** The nested class {@code Call<R>}; {@code new Call<>(i)} calls task {@code i}. */
    static TypeSpec write(TaskClassModel model) {
        TypeVariableName result = TypeVariableName.get("R");
        List<TaskModel> tasks = model.tasks();
        TypeSpec.Builder type = TypeSpec.classBuilder(NAME)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariable(result)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.TASK_INVOKER, model.owner(), result))
                .addJavadoc("Calls task {@code task} of this table directly: one class for all of its tasks.\n")
                .addField(int.class, "task", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(int.class, "task")
                        .addStatement("this.task = task")
                        .build());
        MethodSpec.Builder invoke = MethodSpec.methodBuilder("invoke")
                .addAnnotation(Override.class)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
                .addModifiers(Modifier.PUBLIC)
                .returns(result)
                .addParameter(model.owner(), "owner")
                .addParameter(RuntimeNames.ARGUMENTS, "args")
                .addException(Exception.class);
        if (tasks.size() <= TableWriter.CHUNK) {
            invoke.addStatement("$T result = null", Object.class)
                    .addCode(cases(model, 0, tasks.size()))
                    .addStatement("return ($T) result", result);
        } else {
            CodeBlock.Builder chunks = CodeBlock.builder().beginControlFlow("$T result = switch (task / $L)",
                    Object.class, TableWriter.CHUNK);
            for (int chunk = 0; chunk * TableWriter.CHUNK < tasks.size(); chunk++) {
                int from = chunk * TableWriter.CHUNK;
                int to = Math.min(tasks.size(), from + TableWriter.CHUNK);
                chunks.addStatement("case $L -> $N(task, owner, args)", chunk, chunkName(chunk));
                type.addMethod(MethodSpec.methodBuilder(chunkName(chunk))
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addJavadoc("Calls one of tasks $L to $L.\n", from, to - 1)
                        .returns(Object.class)
                        .addParameter(int.class, "task")
                        .addParameter(model.owner(), "owner")
                        .addParameter(RuntimeNames.ARGUMENTS, "args")
                        .addException(Exception.class)
                        .addStatement("$T result = null", Object.class)
                        .addCode(cases(model, from, to))
                        .addStatement("return result")
                        .build());
            }
            chunks.addStatement("default -> throw new $T($S + task)", IllegalStateException.class, "no task ")
                    .unindent().add("};\n");
            invoke.addCode(chunks.build()).addStatement("return ($T) result", result);
        }
        return type.addMethod(invoke.build()).build();
    }

    private static CodeBlock cases(TaskClassModel model, int from, int to) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch (task)");
        for (int i = from; i < to; i++) {
            TaskModel task = model.tasks().get(i);
            code.addStatement(task.isVoid() ? "case $L -> $L" : "case $L -> result = $L", i, call(model, task));
        }
        return code.addStatement("default -> throw new $T($S + task)", IllegalStateException.class, "no task ")
                .endControlFlow()
                .build();
    }

    private static CodeBlock call(TaskClassModel model, TaskModel task) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (int i = 0; i < task.parameters().size(); i++) {
            arguments.add(CodeBlock.of("args.<$T>get($L)", task.parameters().get(i).type().box(), i));
        }
        return task.isStatic()
                ? CodeBlock.of("$T.$N($L)", model.owner(), task.methodName(), CodeBlock.join(arguments, ", "))
                : CodeBlock.of("owner.$N($L)", task.methodName(), CodeBlock.join(arguments, ", "));
    }

    private static String chunkName(int chunk) {
        return "call" + (chunk + 1);
    }
}
