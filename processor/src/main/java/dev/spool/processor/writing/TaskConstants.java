package dev.spool.processor.writing;

import com.palantir.javapoet.NameAllocator;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModel;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of the stub's {@code TaskDescriptor} constants: the method name in UPPER_SNAKE case
 * ({@code renderAll} gives {@code RENDER_ALL}); overloads get {@code _2}, {@code _3}, ... in
 * source order. The stub and the table must agree, so both ask here.
 */
final class TaskConstants {

    private TaskConstants() {}

    /** One name per task, in the model's order. */
    static List<String> names(TaskClassModel model) {
        Set<String> taken = new HashSet<>();
        NameAllocator allocator = new NameAllocator();
        return model.tasks().stream()
                .map(TaskModel::methodName)
                .map(TaskConstants::upperSnake)
                .map(base -> {
                    String candidate = base;
                    for (int i = 2; !taken.add(candidate); i++) {
                        candidate = base + "_" + i;
                    }
                    return allocator.newName(candidate);
                })
                .toList();
    }

    /** {@code renderAll} to {@code RENDER_ALL}, {@code parseURL} to {@code PARSE_URL}. */
    static String upperSnake(String camel) {
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                char previous = camel.charAt(i - 1);
                boolean nextIsLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (Character.isLowerCase(previous)
                        || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextIsLower)) {
                    snake.append('_');
                }
            }
            snake.append(c);
        }
        return snake.toString().toUpperCase(Locale.ROOT);
    }
}
