package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of generated classes and constants. A nested class's simple names are joined with
 * {@code _}, so {@code Outer.Inner} gets {@code Outer_InnerTasks} and {@code Outer_InnerTaskTable},
 * in the owner's package. Workflow code refers to stubs of other classes (and other modules) by
 * these names, so they must never change.
 */
public final class GeneratedNames {

    private GeneratedNames() {}

    /** The typed stub: {@code ThumbnailsTasks}. */
    public static ClassName stub(ClassName owner) {
        return ClassName.get(owner.packageName(), flat(owner) + "Tasks");
    }

    /** The dispatch table: {@code ThumbnailsTaskTable}. */
    public static ClassName table(ClassName owner) {
        return ClassName.get(owner.packageName(), flat(owner) + "TaskTable");
    }

    /** The implementation of a workflow interface: {@code AlbumsWorkflows}. */
    public static ClassName workflows(ClassName workflowInterface) {
        return ClassName.get(workflowInterface.packageName(), flat(workflowInterface) + "Workflows");
    }

    /**
     * The names of a stub's {@code TaskDescriptor} constants, one per task method name in source
     * order: the method name in UPPER_SNAKE case ({@code renderAll} gives {@code RENDER_ALL});
     * overloads get {@code _2}, {@code _3}, ... in source order.
     */
    public static List<String> constants(List<String> methodNames) {
        Set<String> taken = new HashSet<>();
        NameAllocator allocator = new NameAllocator();
        return methodNames.stream()
                .map(GeneratedNames::upperSnake)
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
    public static String upperSnake(String camel) {
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

    private static String flat(ClassName owner) {
        return String.join("_", owner.simpleNames());
    }
}
