package dev.spool.processor.validation;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The {@code @Periodic} on a method, read from its mirror (the processor does not load the
 * annotation class): its values, and the mirror and values to point compile errors at.
 */
public record PeriodicAnnotation(AnnotationMirror mirror, AnnotationValue cron, AnnotationValue zone,
        AnnotationValue missed) {

    /** The qualified name of {@code @Periodic}. */
    public static final String QUALIFIED_NAME = "dev.spool.annotations.Periodic";

    /** The {@code @Periodic} on this element, if any. */
    public static Optional<PeriodicAnnotation> read(Element element, Elements elements) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(QUALIFIED_NAME)) {
                Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
                return Optional.of(new PeriodicAnnotation(mirror, value(values, "cron"), value(values, "zone"),
                        value(values, "missed")));
            }
        }
        return Optional.empty();
    }

    private static AnnotationValue value(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return values.entrySet().stream().filter(e -> e.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue).map(AnnotationValue.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("@Periodic has no " + name + "(); mismatched jars?"));
    }

    /** The cron expression as written. */
    public String cronText() {
        return (String) cron.getValue();
    }

    /** The zone as written. */
    public String zoneText() {
        return (String) zone.getValue();
    }

    /** The name of the {@code MissedTicks} constant. */
    public String missedName() {
        return ((VariableElement) missed.getValue()).getSimpleName().toString();
    }
}
