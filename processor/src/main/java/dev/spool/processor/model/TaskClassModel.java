package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;

/**
 * A class with {@code @Task} methods, as the writers need it. Built only from a clean validation
 * report, so every value here is valid.
 *
 * @param owner the class that declares the task methods
 * @param stub the generated stub, e.g. {@code ThumbnailsTasks}
 * @param table the generated dispatch table, e.g. {@code ThumbnailsTaskTable}
 * @param hasNoArgConstructor whether a worker can create the owner with {@code new}; if not, the
 *     owner comes from a {@code TaskInstanceProvider} (or every task is static)
 * @param usesDeprecatedApi whether generated code refers to deprecated elements
 * @param tasks the tasks, in source order
 */
public record TaskClassModel(
        ClassName owner,
        ClassName stub,
        ClassName table,
        boolean hasNoArgConstructor,
        boolean usesDeprecatedApi,
        List<TaskModel> tasks) {

    public TaskClassModel {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(stub, "stub");
        Objects.requireNonNull(table, "table");
        tasks = List.copyOf(tasks);
    }
}
