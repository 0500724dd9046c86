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

/**
 * A {@code @Chain} or {@code @Chord} annotation, read through its {@link AnnotationMirror} so that
 * problems can be reported at the offending value, down to one task name inside an array.
 *
 * @param kind which annotation
 * @param mirror the annotation
 * @param steps for a chain, the step references; for a chord, the members (empty with a header)
 * @param stepsValue the whole {@code value} (chain) or {@code members} (chord) array, or {@code null}
 * @param header the chord's header, if one is written and not empty
 * @param callback the chord's callback
 * @param onFailure the error handler, if one is written and not empty
 */
public record WorkflowAnnotation(
        Kind kind,
        AnnotationMirror mirror,
        List<Reference> steps,
        AnnotationValue stepsValue,
        Optional<Reference> header,
        Optional<Reference> callback,
        Optional<Reference> onFailure) {

    /** The qualified name of {@code @Chain}. */
    public static final String CHAIN = "dev.spool.annotations.Chain";

    /** The qualified name of {@code @Chord}. */
    public static final String CHORD = "dev.spool.annotations.Chord";

    /** Which workflow annotation. */
    public enum Kind {
        CHAIN("Chain"),
        CHORD("Chord");

        private final String simpleName;

        Kind(String simpleName) {
            this.simpleName = simpleName;
        }

        /** {@code Chain} or {@code Chord}. */
        public String simpleName() {
            return simpleName;
        }
    }

    /**
     * One task reference as written, with the value to report problems at.
     *
     * @param name the task reference
     * @param value the annotation value holding it
     */
    public record Reference(String name, AnnotationValue value) {}

    /** The {@code @Chain} or {@code @Chord} mirror of this kind on this element, if any. */
    public static Optional<AnnotationMirror> mirrorOn(Element element, Kind kind) {
        String wanted = kind == Kind.CHAIN ? CHAIN : CHORD;
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(wanted)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** Whether the element carries {@code @Chain} or {@code @Chord}. */
    public static boolean isWorkflow(Element element) {
        return mirrorOn(element, Kind.CHAIN).isPresent() || mirrorOn(element, Kind.CHORD).isPresent();
    }

    /** Reads the annotation of {@code kind} on {@code method}, which must carry it. */
    public static WorkflowAnnotation read(ExecutableElement method, Kind kind) {
        AnnotationMirror mirror = mirrorOn(method, kind)
                .orElseThrow(() -> new IllegalArgumentException("no @" + kind.simpleName() + " on " + method));
        Map<? extends ExecutableElement, ? extends AnnotationValue> written = mirror.getElementValues();
        Optional<Reference> onFailure = value(written, "onFailure")
                .map(value -> new Reference(String.valueOf(value.getValue()), value))
                .filter(reference -> !reference.name().isEmpty());
        if (kind == Kind.CHAIN) {
            Optional<AnnotationValue> value = value(written, "value");
            return new WorkflowAnnotation(kind, mirror, references(value), value.orElse(null),
                    Optional.empty(), Optional.empty(), onFailure);
        }
        Optional<AnnotationValue> members = value(written, "members");
        Optional<Reference> header = value(written, "header")
                .map(value -> new Reference(String.valueOf(value.getValue()), value));
        Optional<Reference> callback = value(written, "callback")
                .map(value -> new Reference(String.valueOf(value.getValue()), value));
        return new WorkflowAnnotation(kind, mirror, references(members), members.orElse(null), header, callback, onFailure);
    }

    /** Whether {@code members} is written out (even as {@code {}}). */
    public boolean hasMembers() {
        return stepsValue != null;
    }

    private static Optional<AnnotationValue> value(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue)
                .map(AnnotationValue.class::cast)
                .findFirst();
    }

    private static List<Reference> references(Optional<AnnotationValue> array) {
        List<Reference> references = new ArrayList<>();
        if (array.isEmpty()) {
            return references;
        }
        Object value = array.get().getValue();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                AnnotationValue item = (AnnotationValue) element;
                references.add(new Reference(String.valueOf(item.getValue()), item));
            }
        } else {
            // A single value written without braces: javac still gives a list, but be safe.
            references.add(new Reference(String.valueOf(value), array.get()));
        }
        return references;
    }
}
