package dev.spool.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a source tree of task classes the way a large service looks: 10 tasks per class (records,
 * generic lists and maps, a void, a static, an {@code Optional}, an array), groups of 10 classes
 * per package, and per group one workflow interface with a chain and a chord over its classes.
 * The same arguments always write the same files.
 */
final class SourceTree {

    static final int TASKS_PER_CLASS = 10;
    static final int CLASSES_PER_GROUP = 10;

    private SourceTree() {}

    /**
     * Writes {@code tasks} tasks (a multiple of 10) under {@code root}; with {@code workflows}, one
     * workflow interface per group. Returns the source files.
     */
    static List<Path> write(Path root, int tasks, boolean workflows) {
        List<Path> files = new ArrayList<>();
        int classes = tasks / TASKS_PER_CLASS;
        for (int c = 0; c < classes; c++) {
            int group = c / CLASSES_PER_GROUP;
            String pkg = "com.example.scale.g" + group;
            files.add(write(root, pkg, "Item" + c, List.of(
                    "package " + pkg + ";",
                    "",
                    "/** A value of service " + c + ". */",
                    "public record Item" + c + "(String id, int n, java.util.List<String> tags) {}")));
            files.add(write(root, pkg, "Service" + c, taskClass(pkg, c)));
            if (workflows && (c % CLASSES_PER_GROUP == CLASSES_PER_GROUP - 1 || c == classes - 1)) {
                files.add(write(root, pkg, "Flows" + group, flows(pkg, group, c)));
            }
        }
        return files;
    }

    /** One class of {@code tasks} tasks, {@code com.example.big.Big}, for the single-class row. */
    static List<Path> writeOneClass(Path root, int tasks) {
        List<String> lines = new ArrayList<>(List.of(
                "package com.example.big;",
                "",
                "import dev.spool.annotations.Task;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "/** Many tasks in one class. */",
                "public class Big {"));
        for (int i = 0; i < tasks; i++) {
            switch (i % 4) {
                case 0 -> lines.add("    @Task public int t" + i + "(int a, String b) { return a + " + i + "; }");
                case 1 -> lines.add("    @Task public List<String> t" + i + "(List<String> a) { return a; }");
                case 2 -> lines.add("    @Task public void t" + i + "(Map<String, Integer> m) { }");
                default -> lines.add("    @Task public static String t" + i + "(String s, long x) { return s; }");
            }
        }
        lines.add("}");
        return List.of(write(root, "com.example.big", "Big", lines));
    }

    private static List<String> taskClass(String pkg, int c) {
        String item = "Item" + c;
        return List.of(
                "package " + pkg + ";",
                "",
                "import dev.spool.annotations.Task;",
                "import java.util.List;",
                "import java.util.Map;",
                "import java.util.Optional;",
                "",
                "/** Service " + c + ". */",
                "public class Service" + c + " {",
                "    @Task(queue = \"q" + (c % 4) + "\")",
                "    public " + item + " make(String id, int n) { return new " + item + "(id, n, List.of()); }",
                "    @Task",
                "    public List<" + item + "> many(List<String> ids) { return List.of(); }",
                "    @Task",
                "    public Map<String, Integer> count(List<" + item + "> items) { return Map.of(); }",
                "    @Task",
                "    public void touch(String id) {}",
                "    @Task",
                "    public static long sum(long a, long b) { return a + b; }",
                "    @Task",
                "    public String label(" + item + " item) { return item.id(); }",
                "    @Task",
                "    public Optional<" + item + "> find(String id) { return Optional.empty(); }",
                "    @Task(retries = 2)",
                "    public int[] sizes(int count) { return new int[count]; }",
                "    @Task",
                "    public Map<String, List<" + item + ">> group(List<" + item + "> items) { return Map.of(); }",
                "    @Task",
                "    public String join(List<String> parts, String sep) { return String.join(sep, parts); }",
                "}");
    }

    /** A chain (make, then label) and a chord (label over a list, then join) of the group's last class. */
    private static List<String> flows(String pkg, int group, int c) {
        String service = "Service" + c;
        return List.of(
                "package " + pkg + ";",
                "",
                "import dev.spool.Job;",
                "import dev.spool.annotations.Chain;",
                "import dev.spool.annotations.Chord;",
                "import java.util.List;",
                "",
                "/** The workflows of group " + group + ". */",
                "public interface Flows" + group + " {",
                "    @Chain({\"" + service + ".make\", \"" + service + ".label\"})",
                "    Job<String> makeAndLabel(String id, int n);",
                "",
                "    @Chord(header = \"" + service + ".label\", callback = \"" + service + ".join\")",
                "    Job<String> labelAll(List<Item" + c + "> items, String sep);",
                "}");
    }

    private static Path write(Path root, String pkg, String simpleName, List<String> lines) {
        Path file = root.resolve(pkg.replace('.', '/')).resolve(simpleName + ".java");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
