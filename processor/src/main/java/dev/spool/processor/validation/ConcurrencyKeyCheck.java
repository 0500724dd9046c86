package dev.spool.processor.validation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks {@code @Task(concurrencyKey, maxConcurrent)}: the key names a parameter of the method whose
 * type is a string, a number, an enum or a UUID (what the runtime turns into a key's text), and
 * {@code maxConcurrent} is from 1 to 1000 and written only with a key. Each error points at the
 * annotation value it is about.
 */
public final class ConcurrencyKeyCheck {

    /** The largest {@code maxConcurrent} (the runtime's {@code TaskDescriptor.MAX_CONCURRENT}). */
    public static final int MAX_CONCURRENT = 1000;

    private static final Set<String> KEY_CLASSES = Set.of("java.lang.String", "java.util.UUID", "java.lang.Byte",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.math.BigInteger", "java.math.BigDecimal");

    /**
     * The two values as written.
     *
     * @param mirror the {@code @Task} mirror
     * @param key the {@code concurrencyKey} value
     * @param max the {@code maxConcurrent} value
     * @param maxExplicit whether {@code maxConcurrent} was written out
     */
    public record Values(AnnotationMirror mirror, AnnotationValue key, AnnotationValue max, boolean maxExplicit) {

        /** The parameter name as written. */
        public String keyText() {
            return (String) key.getValue();
        }

        /** The {@code maxConcurrent} value. */
        public int maxValue() {
            return (Integer) max.getValue();
        }
    }

    private ConcurrencyKeyCheck() {}

    /** The values of the {@code @Task} on {@code method}; empty with an older annotations jar. */
    public static Optional<Values> read(ExecutableElement method, Elements elements) {
        Optional<AnnotationMirror> found = TaskAnnotation.mirrorOn(method);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AnnotationMirror mirror = found.get();
        Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
        AnnotationValue key = null;
        AnnotationValue max = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("concurrencyKey")) {
                key = e.getValue();
            } else if (e.getKey().getSimpleName().contentEquals("maxConcurrent")) {
                max = e.getValue();
            }
        }
        if (key == null || max == null) {
            return Optional.empty();
        }
        boolean maxExplicit = mirror.getElementValues().keySet().stream()
                .anyMatch(k -> k.getSimpleName().contentEquals("maxConcurrent"));
        return Optional.of(new Values(mirror, key, max, maxExplicit));
    }

    static void check(ExecutableElement method, String description, Elements elements, ValidationReport report) {
        Optional<Values> found = read(method, elements);
        if (found.isEmpty()) {
            return;
        }
        Values values = found.get();
        String key = values.keyText();
        if (key.isEmpty()) {
            if (values.maxExplicit()) {
                report.add(Message.MAX_CONCURRENT_WITHOUT_KEY, method, values.mirror(), values.max(), values.maxValue(),
                        description);
            }
            return;
        }
        if (values.maxValue() < 1 || values.maxValue() > MAX_CONCURRENT) {
            report.add(Message.MAX_CONCURRENT_INVALID, method, values.mirror(), values.max(), values.maxValue(),
                    description);
        }
        Optional<? extends VariableElement> parameter = method.getParameters().stream()
                .filter(p -> p.getSimpleName().contentEquals(key)).findFirst();
        if (parameter.isEmpty()) {
            String names = method.getParameters().isEmpty() ? "it has none"
                    : "its parameters are " + method.getParameters().stream().map(p -> p.getSimpleName().toString())
                            .collect(Collectors.joining(", "));
            report.add(Message.CONCURRENCY_KEY_UNKNOWN, method, values.mirror(), values.key(), key, description, names);
            return;
        }
        TypeMirror type = parameter.get().asType();
        if (!isKeyType(type)) {
            report.add(Message.CONCURRENCY_KEY_TYPE, method, values.mirror(), values.key(), key, description,
                    TypeDisplay.of(type));
        }
    }

    /** A string, a number (primitive or boxed, BigInteger, BigDecimal), an enum or a UUID. */
    static boolean isKeyType(TypeMirror type) {
        TypeKind kind = type.getKind();
        if (kind == TypeKind.BYTE || kind == TypeKind.SHORT || kind == TypeKind.INT || kind == TypeKind.LONG
                || kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE) {
            return true;
        }
        if (!(type instanceof DeclaredType declared) || !(declared.asElement() instanceof TypeElement element)) {
            return false;
        }
        return element.getKind() == ElementKind.ENUM || KEY_CLASSES.contains(element.getQualifiedName().toString());
    }
}
