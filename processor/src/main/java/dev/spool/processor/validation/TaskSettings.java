package dev.spool.processor.validation;

import dev.spool.naming.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The rules for {@code @Task}'s values: default and explicit task names, queue names and timeouts.
 * Shared by validation (which reports what breaks them) and the model (which uses the results).
 * The rules themselves are {@link Names}', which the runtime applies as well.
 */
public final class TaskSettings {

    private TaskSettings() {}

    /** {@code SimpleClassName.methodName}; for a nested class {@code Outer.Inner.methodName}. */
    public static String defaultName(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return Names.defaultTaskName(simpleNames(owner), method.getSimpleName().toString());
    }

    /** The task's name: the explicit one if given, else the default. */
    public static String taskName(ExecutableElement method, TaskAnnotation task) {
        return task.nameText().isEmpty() ? defaultName(method) : task.nameText();
    }

    /** The owner's name as users see it: simple names of the enclosing classes joined with dots. */
    public static String displayName(TypeElement type) {
        return String.join(".", simpleNames(type));
    }

    /** The simple names of a type and the types it is nested in, outermost first. */
    static List<String> simpleNames(TypeElement type) {
        List<String> names = new ArrayList<>();
        names.add(type.getSimpleName().toString());
        for (var enclosing = type.getEnclosingElement();
                enclosing instanceof TypeElement outer;
                enclosing = outer.getEnclosingElement()) {
            names.add(0, outer.getSimpleName().toString());
        }
        return names;
    }

    /** What is wrong with an explicit task name, if anything. */
    static Optional<String> nameProblem(String name) {
        return Names.taskNameProblem(name);
    }

    /** What is wrong with a queue name, if anything. */
    static Optional<String> queueProblem(String queue) {
        return Names.queueProblem(queue);
    }

    /**
     * Parses a timeout: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601
     * such as {@code PT30S}. Empty for text that is neither; the result may be zero or negative.
     */
    public static Optional<Duration> parseTimeout(String text) {
        return Names.parseDuration(text);
    }
}
