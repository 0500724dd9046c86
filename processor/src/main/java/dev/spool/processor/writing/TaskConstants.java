package dev.spool.processor.writing;

import dev.spool.processor.model.GeneratedNames;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.util.List;

/**
 * The names of the stub's {@code TaskDescriptor} constants: the method name in UPPER_SNAKE case
 * ({@code renderAll} gives {@code RENDER_ALL}); overloads get {@code _2}, {@code _3}, ... in
 * source order. The stub and the table must agree, so both ask here.
 */
final class TaskConstants {

    private TaskConstants() {}

    /** One name per task, in the model's order. */
    static List<String> names(TaskClassModel model) {
        return GeneratedNames.constants(model.tasks().stream().map(TaskModel::methodName).toList());
    }
}
