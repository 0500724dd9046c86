package dev.spool.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
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
import java.util.function.Supplier;
import javax.lang.model.element.Modifier;

/**
 * Writes the dispatch table, e.g. {@code ThumbnailsTaskTable}: one {@code TaskEntry} per task,
 * each calling the method directly (through the table's nested {@code Call}, see {@link
 * InvokerWriter}) with arguments cast by explicit type witnesses (so overloads resolve exactly as
 * declared).
 *
 * <p>Each entry is a statement of its own ({@code entries.add(...)}), never one argument of a
 * single {@code List.of(...)}: javac infers the types of one expression as a whole, and a class of
 * a few hundred tasks then takes minutes to compile. Classes with more than {@link #CHUNK} tasks
 * add their entries in private methods of {@code CHUNK} entries each, so no method nears the JVM's
 * limit on code size.
 */
public final class TableWriter {

    /** The one constructor reference of a table, shared by its entries. */
    private static final String CONSTRUCTOR = "CONSTRUCTOR";

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
            entries.add(entry(model, model.tasks().get(i), constants.get(i), i));
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
        if (model.hasNoArgConstructor() && model.tasks().stream().anyMatch(task -> !task.isStatic())) {
            type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(Supplier.class), model.owner()),
                            CONSTRUCTOR, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T::new", model.owner())
                    .build());
        }
        type.addType(InvokerWriter.write(model));
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

    private static CodeBlock entry(TaskClassModel model, TaskModel task, String constant, int index) {
        if (task.isStatic()) {
            return CodeBlock.of("$T.ofStatic($>$>\n$T.$N,\n$T.class,\nnew $N<>($L))$<$<",
                    RuntimeNames.TASK_ENTRY, model.stub(), constant, model.owner(), InvokerWriter.NAME, index);
        }
        CodeBlock constructor = model.hasNoArgConstructor() ? CodeBlock.of(CONSTRUCTOR) : CodeBlock.of("null");
        return CodeBlock.of("$T.of($>$>\n$T.$N,\n$T.class,\n$L,\nnew $N<>($L))$<$<",
                RuntimeNames.TASK_ENTRY, model.stub(), constant, model.owner(), constructor, InvokerWriter.NAME, index);
    }
}
