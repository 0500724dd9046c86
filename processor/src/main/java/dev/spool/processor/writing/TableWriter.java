package dev.spool.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.lang.model.element.Modifier;

/**
 * Writes the dispatch table, e.g. {@code ThumbnailsTaskTable}: one {@code TaskEntry} per task,
 * each calling the method directly with arguments cast by explicit type witnesses (so overloads
 * resolve exactly as declared).
 */
public final class TableWriter {

    private final Generation generation;

    public TableWriter(Generation generation) {
        this.generation = generation;
    }

    /** The table's source file. */
    public JavaFile write(TaskClassModel model) {
        List<String> constants = TaskConstants.names(model);
        List<CodeBlock> entries = new ArrayList<>();
        for (int i = 0; i < model.tasks().size(); i++) {
            entries.add(entry(model, model.tasks().get(i), constants.get(i)));
        }
        TypeName wildcard = WildcardTypeName.subtypeOf(Object.class);
        TypeName entryType = ParameterizedTypeName.get(RuntimeNames.TASK_ENTRY, wildcard, wildcard);
        TypeSpec.Builder type = generation.markGenerated(TypeSpec.classBuilder(model.table()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.TASK_TABLE)
                .addJavadoc("The dispatch table of the {@code @Task} methods of {@link $T}.\n"
                        + "Workers find it through {@link $T} and call each method directly, with no\n"
                        + "reflection.\n",
                        model.owner(), ServiceLoader.class);
        if (model.usesDeprecatedApi()) {
            type.addAnnotation(StubWriter.suppressDeprecation());
        }
        type.addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Creates the table; called by {@link $T}.\n", ServiceLoader.class)
                        .build())
                .addMethod(MethodSpec.methodBuilder("ownerType")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(Class.class), wildcard))
                        .addStatement("return $T.class", model.owner())
                        .build())
                .addMethod(MethodSpec.methodBuilder("entries")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(List.class), entryType))
                        .addStatement("return $T.of(\n$L)", List.class, CodeBlock.join(entries, ",\n"))
                        .build());
        return Generation.file(model.table().packageName(), type.build());
    }

    private static CodeBlock entry(TaskClassModel model, TaskModel task, String constant) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (int i = 0; i < task.parameters().size(); i++) {
            arguments.add(CodeBlock.of("args.<$T>get($L)", task.parameters().get(i).type().box(), i));
        }
        CodeBlock call = task.isStatic()
                ? CodeBlock.of("$T.$N($L)", model.owner(), task.methodName(), CodeBlock.join(arguments, ", "))
                : CodeBlock.of("owner.$N($L)", task.methodName(), CodeBlock.join(arguments, ", "));
        CodeBlock invoker = task.isVoid()
                ? CodeBlock.of("(owner, args) -> {$>\n$L;\nreturn null;$<\n}", call)
                : CodeBlock.of("(owner, args) -> $L", call);
        if (task.isStatic()) {
            return CodeBlock.of("$T.ofStatic($>$>\n$T.$N,\n$T.class,\n$L)$<$<",
                    RuntimeNames.TASK_ENTRY, model.stub(), constant, model.owner(), invoker);
        }
        CodeBlock constructor = model.hasNoArgConstructor()
                ? CodeBlock.of("$T::new", model.owner())
                : CodeBlock.of("null");
        return CodeBlock.of("$T.of($>$>\n$T.$N,\n$T.class,\n$L,\n$L)$<$<",
                RuntimeNames.TASK_ENTRY, model.stub(), constant, model.owner(), constructor, invoker);
    }
}
