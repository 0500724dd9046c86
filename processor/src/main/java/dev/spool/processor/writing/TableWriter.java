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
 *
 * <p>Each entry is a statement of its own ({@code entries.add(...)}), never one argument of a
 * single {@code List.of(...)}: javac infers the types of one expression as a whole, and a class of
 * a few hundred tasks then takes minutes to compile. Classes with more than {@link #CHUNK} tasks
 * add their entries in private methods of {@code CHUNK} entries each, so no method nears the JVM's
 * limit on code size.
 */
public final class TableWriter {

    /** Entries per method: one statement each, well under the JVM's 64 KiB of code per method. */
    static final int CHUNK = 200;

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
                .addMethod(entriesMethod(entries, entryType));
        for (int chunk = 0; entries.size() > CHUNK && chunk * CHUNK < entries.size(); chunk++) {
            type.addMethod(chunkMethod(chunk, entries, entryType));
        }
        return Generation.file(model.table().packageName(), type.build());
    }

    private static MethodSpec entriesMethod(List<CodeBlock> entries, TypeName entryType) {
        TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), entryType);
        MethodSpec.Builder method = MethodSpec.methodBuilder("entries")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(listType)
                .addStatement("$T entries = new $T<>($L)", listType, ArrayList.class, entries.size());
        if (entries.size() > CHUNK) {
            for (int chunk = 0; chunk * CHUNK < entries.size(); chunk++) {
                method.addStatement("$N(entries)", chunkName(chunk));
            }
        } else {
            entries.forEach(entry -> method.addStatement("entries.add($L)", entry));
        }
        return method.addStatement("return $T.copyOf(entries)", List.class).build();
    }

    private static MethodSpec chunkMethod(int chunk, List<CodeBlock> entries, TypeName entryType) {
        int from = chunk * CHUNK;
        int to = Math.min(entries.size(), from + CHUNK);
        MethodSpec.Builder method = MethodSpec.methodBuilder(chunkName(chunk))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Adds entries $L to $L.\n", from + 1, to)
                .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), entryType), "entries");
        entries.subList(from, to).forEach(entry -> method.addStatement("entries.add($L)", entry));
        return method.build();
    }

    private static String chunkName(int chunk) {
        return "addEntries" + (chunk + 1);
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
