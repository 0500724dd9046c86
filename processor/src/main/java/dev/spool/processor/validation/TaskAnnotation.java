package dev.spool.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * One {@code @Task} annotation, read through its {@link AnnotationMirror} so that problems can be
 * reported at the offending value, and so that the processor needs no annotation class at run
 * time.
 *
 * @param mirror the annotation
 * @param name the {@code name} value
 * @param queue the {@code queue} value
 * @param retries the {@code retries} value
 * @param timeout the {@code timeout} value
 * @param noRetryFor the {@code noRetryFor} value; empty with an older annotations jar
 * @param expires the {@code expires} value; empty with an older annotations jar
 * @param nameExplicit whether {@code name} was written out (even as {@code ""})
 * @param unique the {@code unique} value; empty with an older annotations jar
 * @param uniqueFor the {@code uniqueFor} value; empty with an older annotations jar
 * @param priority the {@code priority} value; empty with an older annotations jar
 */
public record TaskAnnotation(
        AnnotationMirror mirror,
        AnnotationValue name,
        AnnotationValue queue,
        AnnotationValue retries,
        AnnotationValue timeout,
        Optional<AnnotationValue> noRetryFor,
        Optional<AnnotationValue> expires,
        boolean nameExplicit,
        Optional<AnnotationValue> unique,
        Optional<AnnotationValue> uniqueFor,
        Optional<AnnotationValue> priority) {

    /** The qualified name of {@code @Task}. */
    public static final String QUALIFIED_NAME = "dev.spool.annotations.Task";

    /** The {@code @Task} mirror on this element, if any. */
    public static Optional<AnnotationMirror> mirrorOn(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(QUALIFIED_NAME)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** Reads the {@code @Task} on a method that has one. */
    public static TaskAnnotation read(ExecutableElement method, Elements elements) {
        AnnotationMirror mirror = mirrorOn(method)
                .orElseThrow(() -> new IllegalArgumentException("no @Task on " + method));
        Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                elements.getElementValuesWithDefaults(mirror);
        boolean nameExplicit = mirror.getElementValues().keySet().stream()
                .anyMatch(key -> key.getSimpleName().contentEquals("name"));
        return new TaskAnnotation(
                mirror,
                value(values, "name"),
                value(values, "queue"),
                value(values, "retries"),
                value(values, "timeout"),
                optionalValue(values, "noRetryFor"),
                optionalValue(values, "expires"),
                nameExplicit,
                optionalValue(values, "unique"),
                optionalValue(values, "uniqueFor"),
                optionalValue(values, "priority"));
    }

    private static AnnotationValue value(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return optionalValue(values, name)
                .orElseThrow(() -> new IllegalStateException("@Task has no " + name + "(); mismatched jars?"));
    }

    private static Optional<AnnotationValue> optionalValue(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue)
                .map(AnnotationValue.class::cast)
                .findFirst();
    }

    /** The {@code name} as written. */
    public String nameText() {
        return (String) name.getValue();
    }

    /** The {@code queue} as written. */
    public String queueText() {
        return (String) queue.getValue();
    }

    /** The {@code retries} as written. */
    public int retriesValue() {
        return (Integer) retries.getValue();
    }

    /** The {@code priority} as written (0, the default level, with an older annotations jar). */
    public int priorityValue() {
        return priority.map(v -> (Integer) v.getValue()).orElse(0);
    }

    /** The name of the {@code Unique} constant ({@code NONE} with an older annotations jar). */
    public String uniqueName() {
        return unique.map(v -> ((javax.lang.model.element.VariableElement) v.getValue()).getSimpleName().toString())
                .orElse("NONE");
    }

    /** The {@code uniqueFor} as written (empty with an older annotations jar). */
    public String uniqueForText() {
        return uniqueFor.map(v -> (String) v.getValue()).orElse("");
    }

    /** The classes in {@code noRetryFor}, in order; unresolved ones are error types. */
    public List<TypeMirror> noRetryForTypes() {
        if (noRetryFor.isEmpty()) {
            return List.of();
        }
        List<TypeMirror> types = new ArrayList<>();
        for (Object element : (List<?>) noRetryFor.get().getValue()) {
            Object value = ((AnnotationValue) element).getValue();
            if (value instanceof TypeMirror type) {
                types.add(type);
            }
        }
        return types;
    }

    /**
     * Whether an explicit {@code noRetryFor} names a class the compiler cannot resolve (yet); read
     * without {@link Elements}, for the deferral check.
     */
    static boolean hasUnresolvedNoRetryFor(ExecutableElement method) {
        return unresolvedNoRetryFor(method).isPresent();
    }

    /** The first class in an explicit {@code noRetryFor} that the compiler cannot resolve. */
    static Optional<AnnotationValue> unresolvedNoRetryFor(ExecutableElement method) {
        return mirrorOn(method).stream()
                .flatMap(mirror -> mirror.getElementValues().entrySet().stream())
                .filter(entry -> entry.getKey().getSimpleName().contentEquals("noRetryFor"))
                .flatMap(entry -> ((List<?>) entry.getValue().getValue()).stream())
                .map(AnnotationValue.class::cast)
                .filter(value -> !(value.getValue() instanceof TypeMirror type) || type.getKind() == TypeKind.ERROR)
                .findFirst();
    }

    /** The {@code expires} as written; empty when absent. */
    public String expiresText() {
        return expires.map(v -> (String) v.getValue()).orElse("");
    }

    /** The {@code timeout} as written. */
    public String timeoutText() {
        return (String) timeout.getValue();
    }
}
