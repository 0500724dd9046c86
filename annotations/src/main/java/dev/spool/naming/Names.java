package dev.spool.naming;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spool's naming contract, the one place that decides what a queue name, a task name and a
 * duration may look like, and how generated classes and constants are named. The annotation
 * processor checks {@code @Task} values with these rules, and the runtime checks what it is given
 * with the same rules, so a name the compiler accepts is never refused when a job is enqueued.
 * Workflows of other modules bind to generated names, so these names never change between releases.
 */
public final class Names {

    /** The longest queue name or namespace, in characters. */
    public static final int MAX_QUEUE_LENGTH = 100;

    /** The rule for queue names and namespaces, worded for error messages. */
    public static final String QUEUE_RULE =
            "1 to " + MAX_QUEUE_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";

    /** The rule for task names, worded for error messages. */
    public static final String TASK_NAME_RULE = "letters, digits and '_', '.', '$' or '-'";

    /** The duration syntax, worded for error messages. */
    public static final String DURATION_SYNTAX = "a whole number and a unit (\"500ms\", \"30s\", \"5m\", \"2h\","
            + " \"1d\") or an ISO-8601 duration (\"PT30S\")";

    private static final Pattern QUEUE_CHAR = Pattern.compile("[A-Za-z0-9._-]");
    private static final Pattern QUEUE_START = Pattern.compile("[A-Za-z0-9]");
    private static final Pattern TASK_CHAR = Pattern.compile("[A-Za-z0-9_.$-]");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Names() {}

    // ---- queues and tasks ------------------------------------------------------------------------

    /**
     * What is wrong with a queue name (or a namespace), if anything, e.g. {@code "it starts with
     * '_'"}; empty for a valid name. The rule is {@link #QUEUE_RULE}: names become parts of Redis
     * keys, so braces, colons and spaces, which would break the key layout, are refused.
     */
    public static Optional<String> queueProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.length() > MAX_QUEUE_LENGTH) {
            return Optional.of("it is " + name.length() + " characters long");
        }
        Optional<String> bad = badCharacter(name, QUEUE_CHAR);
        if (bad.isPresent()) {
            return bad;
        }
        if (!QUEUE_START.matcher(name.substring(0, 1)).matches()) {
            return Optional.of("it starts with '" + name.charAt(0) + "'");
        }
        return Optional.empty();
    }

    /** What is wrong with a task name, if anything; empty for a valid name ({@link #TASK_NAME_RULE}). */
    public static Optional<String> taskNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("it is empty");
        }
        return badCharacter(name, TASK_CHAR);
    }

    private static Optional<String> badCharacter(String name, Pattern allowed) {
        return name.codePoints()
                .filter(c -> !allowed.matcher(Character.toString(c)).matches())
                .mapToObj(c -> c == ' ' ? "it contains a space" : "it contains '" + Character.toString(c) + "'")
                .findFirst();
    }

    /**
     * The default name of a task: the owner's simple names joined with dots, then the method's
     * name: {@code Thumbnails.render}, or {@code Outer.Inner.render} for a nested class.
     */
    public static String defaultTaskName(List<String> ownerSimpleNames, String methodName) {
        return String.join(".", ownerSimpleNames) + "." + methodName;
    }

    // ---- durations -------------------------------------------------------------------------------

    /**
     * Parses a duration in {@link #DURATION_SYNTAX}: {@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30S}. Empty for text that is neither or
     * that overflows; the result may be zero or negative (ISO-8601 {@code PT-5S}), which callers
     * check for themselves.
     */
    public static Optional<Duration> parseDuration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SHORT_DURATION.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(switch (matcher.group(2)) {
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

    // ---- generated classes -----------------------------------------------------------------------

    /** The typed stub of a task class, in its package: {@code ThumbnailsTasks}, {@code Outer_InnerTasks}. */
    public static String stubClass(List<String> ownerSimpleNames) {
        return flat(ownerSimpleNames) + "Tasks";
    }

    /** The dispatch table of a task class, in its package: {@code ThumbnailsTaskTable}. */
    public static String tableClass(List<String> ownerSimpleNames) {
        return flat(ownerSimpleNames) + "TaskTable";
    }

    /** The implementation of a workflow interface, in its package: {@code AlbumsWorkflows}. */
    public static String workflowsClass(List<String> interfaceSimpleNames) {
        return flat(interfaceSimpleNames) + "Workflows";
    }

    private static String flat(List<String> simpleNames) {
        if (simpleNames.isEmpty()) {
            throw new IllegalArgumentException("no simple names");
        }
        return String.join("_", simpleNames);
    }

    // ---- descriptor constants --------------------------------------------------------------------

    /**
     * A {@code @Task} method as far as naming goes.
     *
     * @param name the method's name
     * @param parameterTypes the erasures of its parameter types as canonical names, e.g.
     *     {@code com.example.ImageRef}, {@code int}, {@code java.util.List}, {@code byte[]}
     */
    public record TaskMethod(String name, List<String> parameterTypes) {
        public TaskMethod {
            Objects.requireNonNull(name, "name");
            parameterTypes = List.copyOf(parameterTypes);
        }

        String signature() {
            return name + "(" + String.join(",", parameterTypes) + ")";
        }
    }

    /**
     * The names of a stub's {@code TaskDescriptor} constants, one per {@code @Task} method of the
     * class, in the order given. A method whose name no other task method of the class shares gets
     * its name in UPPER_SNAKE case ({@code renderAll} gives {@code RENDER_ALL}). Overloads get the
     * simple names of their parameter types as well ({@code render(ImageRef, int)} gives
     * {@code RENDER_IMAGE_REF_INT}, {@code render()} gives {@code RENDER_NO_ARGS}, an array
     * {@code byte[]} gives {@code BYTE_ARRAY}), and the qualified names where simple names clash.
     * The names never depend on the order of the methods, so reordering methods never rebinds a
     * workflow compiled against the stub; adding an overload renames the constants of that method
     * name, which code compiled against the old names reports rather than silently rebinding.
     * Names that still clash (such as {@code renderAll} and {@code render_all}) get {@code _2},
     * {@code _3}, ... in the order of their signatures.
     */
    public static List<String> descriptorConstants(List<TaskMethod> methods) {
        Map<String, Integer> perName = new HashMap<>();
        methods.forEach(method -> perName.merge(method.name(), 1, Integer::sum));
        List<String> names = new ArrayList<>(methods.size());
        for (TaskMethod method : methods) {
            names.add(perName.get(method.name()) == 1 ? upperSnake(method.name()) : overloadName(method, false));
        }
        for (List<Integer> clash : clashes(names)) {
            for (int i : clash) {
                TaskMethod method = methods.get(i);
                if (perName.get(method.name()) > 1) {
                    names.set(i, overloadName(method, true));
                }
            }
        }
        Set<String> taken = new HashSet<>(names);
        for (List<Integer> clash : clashes(names)) {
            clash.sort(Comparator.comparing(i -> methods.get(i).signature()));
            for (int k = 1; k < clash.size(); k++) {
                String base = names.get(clash.get(k));
                String candidate = base;
                for (int n = k + 1; taken.contains(candidate); n++) {
                    candidate = base + "_" + n;
                }
                taken.add(candidate);
                names.set(clash.get(k), candidate);
            }
        }
        return List.copyOf(names);
    }

    /** Groups of two or more indices that share a name, in name order. */
    private static List<List<Integer>> clashes(List<String> names) {
        Map<String, List<Integer>> byName = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(names.get(i), n -> new ArrayList<>()).add(i);
        }
        return byName.values().stream().filter(group -> group.size() > 1).toList();
    }

    private static String overloadName(TaskMethod method, boolean qualified) {
        StringBuilder name = new StringBuilder(upperSnake(method.name()));
        if (method.parameterTypes().isEmpty()) {
            return name.append("_NO_ARGS").toString();
        }
        for (String type : method.parameterTypes()) {
            name.append('_').append(typeWord(type, qualified));
        }
        return name.toString();
    }

    private static String typeWord(String type, boolean qualified) {
        String base = type;
        int dimensions = 0;
        while (base.endsWith("[]") || base.endsWith("...")) {
            base = base.substring(0, base.length() - (base.endsWith("[]") ? 2 : 3));
            dimensions++;
        }
        if (!qualified) {
            base = base.substring(base.lastIndexOf('.') + 1);
        }
        StringBuilder word = new StringBuilder();
        for (String part : base.split("\\.")) {
            word.append(word.length() == 0 ? "" : "_").append(upperSnake(part));
        }
        word.append("_ARRAY".repeat(dimensions));
        return word.toString();
    }

    /** {@code renderAll} to {@code RENDER_ALL}, {@code parseURL} to {@code PARSE_URL}, {@code ImageRef} to {@code IMAGE_REF}. */
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
}
