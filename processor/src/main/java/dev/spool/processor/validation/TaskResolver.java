package dev.spool.processor.validation;

import dev.spool.processor.model.GeneratedNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the task a workflow refers to. A reference matches:
 *
 * <ol>
 *   <li>every {@code @Task} of this compilation whose task name (explicit, or the default
 *       {@code SimpleClass.method}) equals it;
 *   <li>for a reference {@code C.m}: in class {@code C}, looked up in the workflow interface's
 *       package and as a fully qualified name, the {@code @Task} methods named {@code m} without an
 *       explicit name, and those whose explicit name is the reference or {@code C.m} with
 *       {@code C}'s simple name (so {@code com.x.Words.loud} finds {@code @Task(name =
 *       "Words.loud")} in {@code com.x.Words}). This finds tasks in
 *       other modules' class files ({@code @Task} has class retention, so its mirror is there).
 * </ol>
 *
 * One match is the task; none is unknown (with the closest known name as a suggestion); several
 * are ambiguous. Matches are sorted by class and source order, so results never depend on rounds
 * or hash order.
 *
 * <p>The task names of the compilation's classes (1.) are indexed once per round and kept while
 * {@link TaskIndex#version()} stays the same, so a reference costs a map lookup, not a walk over
 * every task of the compilation.
 */
public final class TaskResolver {

    /**
     * A task found for a reference.
     *
     * @param taskName the task's name, which may differ from the reference (a qualified reference)
     * @param owner the class that declares it
     * @param method the task method
     * @param constant the name of its {@code TaskDescriptor} constant in the owner's stub ({@code
     *     null} for a workflow method)
     * @param result what it gives the job after it: the task's return type, or {@code R} of a
     *     workflow method's {@code Job<R>}
     * @param workflow whether this is a workflow method of the same interface ({@code "#name"})
     */
    public record Resolved(
            String taskName, TypeElement owner, ExecutableElement method, String constant, TypeMirror result,
            boolean workflow) {

        /** A task. */
        public Resolved(String taskName, TypeElement owner, ExecutableElement method, String constant) {
            this(taskName, owner, method, constant, method.getReturnType(), false);
        }
    }

    /** The outcome of resolving one reference. */
    public sealed interface Resolution {}

    /** Exactly one task. */
    public record Found(Resolved task) implements Resolution {}

    /** No task; the closest known task name, if one is close. */
    public record Unknown(Optional<String> suggestion) implements Resolution {}

    /** Several tasks, sorted. */
    public record Ambiguous(List<Resolved> tasks) implements Resolution {}

    private final Elements elements;
    private final TaskIndex index;
    private long indexedVersion = -1;
    private Map<String, List<Resolved>> byName = Map.of();

    public TaskResolver(Elements elements, TaskIndex index) {
        this.elements = elements;
        this.index = index;
    }

    /** Resolves {@code reference}, written in a workflow interface of package {@code context}. */
    public Resolution resolve(String reference, PackageElement context) {
        Map<ExecutableElement, Resolved> found = new LinkedHashMap<>();
        for (Resolved task : byName().getOrDefault(reference, List.of())) {
            found.put(task.method(), task);
        }
        int dot = reference.lastIndexOf('.');
        if (dot > 0 && dot < reference.length() - 1) {
            String method = reference.substring(dot + 1);
            for (TypeElement owner : classesNamed(reference.substring(0, dot), context)) {
                for (Resolved task : tasksOf(owner)) {
                    boolean explicit = !task.taskName().equals(TaskSettings.defaultName(task.method()));
                    boolean byMethod = !explicit && task.method().getSimpleName().contentEquals(method);
                    boolean byName = task.taskName().equals(reference)
                            || task.taskName().equals(TaskSettings.displayName(owner) + "." + method);
                    if (byMethod || byName) {
                        found.put(task.method(), task);
                    }
                }
            }
        }
        List<Resolved> matches = new ArrayList<>(found.values());
        if (matches.size() == 1) {
            return new Found(matches.get(0));
        }
        if (matches.isEmpty()) {
            return new Unknown(suggestion(reference, context));
        }
        matches.sort(Comparator.comparing((Resolved task) -> task.owner().getQualifiedName().toString())
                .thenComparing(task -> tasksOf(task.owner()).stream().map(Resolved::method).toList()
                        .indexOf(task.method())));
        return new Ambiguous(List.copyOf(matches));
    }

    /** The tasks of this compilation's classes by task name, each list in class and source order. */
    private Map<String, List<Resolved>> byName() {
        if (indexedVersion != index.version()) {
            Map<String, List<Resolved>> names = new HashMap<>();
            for (String ownerName : index.owners()) {
                TypeElement owner = elements.getTypeElement(ownerName);
                if (owner != null) {
                    for (Resolved task : tasksOf(owner)) {
                        names.computeIfAbsent(task.taskName(), name -> new ArrayList<>()).add(task);
                    }
                }
            }
            byName = names;
            indexedVersion = index.version();
        }
        return byName;
    }

    /** The {@code @Task} methods of {@code owner} in source order, with their stub constants. */
    public List<Resolved> tasksOf(TypeElement owner) {
        List<ExecutableElement> methods = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(method -> TaskAnnotation.mirrorOn(method).isPresent())
                .toList();
        List<String> constants = GeneratedNames.constants(methods);
        List<Resolved> tasks = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            ExecutableElement method = methods.get(i);
            tasks.add(new Resolved(TaskSettings.taskName(method, TaskAnnotation.read(method, elements)),
                    owner, method, constants.get(i)));
        }
        return tasks;
    }

    private List<TypeElement> classesNamed(String name, PackageElement context) {
        List<TypeElement> classes = new ArrayList<>();
        if (!context.isUnnamed()) {
            addIfPresent(classes, context.getQualifiedName() + "." + name);
        }
        addIfPresent(classes, name);
        return classes;
    }

    private void addIfPresent(List<TypeElement> classes, String name) {
        TypeElement type;
        try {
            type = elements.getTypeElement(name);
        } catch (RuntimeException e) {
            // Not a valid name, e.g. with spaces: no class.
            return;
        }
        if (type != null && !classes.contains(type)) {
            classes.add(type);
        }
    }

    /** The known task name closest to {@code reference}, if it is close enough to be a typo. */
    private Optional<String> suggestion(String reference, PackageElement context) {
        SortedSet<String> known = new TreeSet<>(byName().keySet());
        for (Element member : context.getEnclosedElements()) {
            if (member instanceof TypeElement type) {
                tasksOf(type).forEach(task -> known.add(task.taskName()));
            }
        }
        int dot = reference.lastIndexOf('.');
        if (dot > 0) {
            for (TypeElement owner : classesNamed(reference.substring(0, dot), context)) {
                tasksOf(owner).forEach(task -> known.add(task.taskName()));
            }
        }
        int limit = Math.max(2, reference.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(reference.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
