package dev.spool.processor.validation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The rules for {@code @Task}'s values: default and explicit task names, queue names and timeouts.
 * Shared by validation (which reports what breaks them) and the model (which uses the results).
 */
public final class TaskSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.$-]+");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private TaskSettings() {}

    /** {@code SimpleClassName.methodName}; for a nested class {@code Outer.Inner.methodName}. */
    public static String defaultName(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return displayName(owner) + "." + method.getSimpleName();
    }

    /** The task's name: the explicit one if given, else the default. */
    public static String taskName(ExecutableElement method, TaskAnnotation task) {
        return task.nameText().isEmpty() ? defaultName(method) : task.nameText();
    }

    /** The owner's name as users see it: simple names of the enclosing classes joined with dots. */
    public static String displayName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (var enclosing = type.getEnclosingElement();
                enclosing instanceof TypeElement outer;
                enclosing = outer.getEnclosingElement()) {
            name.insert(0, outer.getSimpleName() + ".");
        }
        return name.toString();
    }

    /** What is wrong with an explicit task name, if anything. */
    static Optional<String> nameProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("it is empty");
        }
        if (!NAME.matcher(name).matches()) {
            int bad = name.codePoints()
                    .filter(c -> !NAME.matcher(Character.toString(c)).matches())
                    .findFirst()
                    .orElseThrow();
            return Optional.of(
                    bad == ' ' ? "it contains a space" : "it contains '" + Character.toString(bad) + "'");
        }
        return Optional.empty();
    }

    /** What is wrong with a queue name, if anything. */
    static Optional<String> queueProblem(String queue) {
        if (queue.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (queue.length() > 64) {
            return Optional.of("it is " + queue.length() + " characters long");
        }
        if (!QUEUE.matcher(queue).matches()) {
            int bad = queue.codePoints()
                    .filter(c -> !QUEUE.matcher(Character.toString(c)).matches())
                    .findFirst()
                    .orElseThrow();
            return Optional.of(
                    bad == ' ' ? "it contains a space" : "it contains '" + Character.toString(bad) + "'");
        }
        return Optional.empty();
    }

    /**
     * Parses a timeout: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601
     * such as {@code PT30S}. Empty for text that is neither; the result may be zero or negative.
     */
    public static Optional<Duration> parseTimeout(String text) {
        Matcher matcher = SHORT_DURATION.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(
                        switch (matcher.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            case "h" -> Duration.ofHours(amount);
                            case "d" -> Duration.ofDays(amount);
                            default -> throw new AssertionError(matcher.group(2));
                        });
            }
            if (text.startsWith("P") || text.startsWith("p")) {
                return Optional.of(Duration.parse(text));
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
