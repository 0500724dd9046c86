package dev.spool.processor.writing;

import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.util.List;

/**
 * The names of the stub's {@code TaskDescriptor} constants, as the model holds them (see
 * {@link dev.spool.processor.model.GeneratedNames#constants}). The stub and the table must agree,
 * so both ask here.
 */
final class TaskConstants {

    private TaskConstants() {}

    /** One name per task, in the model's order. */
    static List<String> names(TaskClassModel model) {
        return model.tasks().stream().map(TaskModel::constant).toList();
    }
}
