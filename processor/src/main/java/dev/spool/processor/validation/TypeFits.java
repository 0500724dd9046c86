package dev.spool.processor.validation;

import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Whether a value of one type can fill a parameter of another in a workflow. Values fit when their
 * types are the same, or when a primitive feeds its box; nothing else, because a worker decodes JSON
 * to the declared parameter type, not to the type that was encoded.
 */
final class TypeFits {

    private static final String LIST = "java.util.List";

    private final Types types;

    TypeFits(Types types) {
        this.types = types;
    }

    /**
     * Why a value of type {@code source} cannot fill a parameter of type {@code target}; empty if
     * it can: the same type, or a primitive into its box.
     */
    Optional<String> fits(TypeMirror source, TypeMirror target) {
        if (types.isSameType(source, target)) {
            return Optional.empty();
        }
        if (source.getKind().isPrimitive() && !target.getKind().isPrimitive()
                && types.isSameType(types.boxedClass((PrimitiveType) source).asType(), target)) {
            return Optional.empty();
        }
        if (target.getKind().isPrimitive() && !source.getKind().isPrimitive()
                && types.isSameType(box(target), source)) {
            return Optional.of("a null " + TypeDisplay.of(source) + " cannot become " + article(TypeDisplay.of(target))
                    + "; declare the parameter as " + TypeDisplay.of(source));
        }
        if (types.isAssignable(source, target)) {
            return Optional.of("Spool needs the same type: JSON is decoded to the declared "
                    + TypeDisplay.of(target) + ", so the value would not arrive as " + article(TypeDisplay.of(source)));
        }
        return Optional.of(article(TypeDisplay.of(source)) + " is not " + article(TypeDisplay.of(target)));
    }

    /** The box of a primitive type; any other type itself. */
    TypeMirror box(TypeMirror type) {
        return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
    }

    /** The element type of a {@code List<E>} whose {@code E} is a declared type. */
    Optional<TypeMirror> listElement(TypeMirror type) {
        if (type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(LIST)
                && declared.getTypeArguments().size() == 1
                && declared.getTypeArguments().get(0).getKind() == TypeKind.DECLARED) {
            return Optional.of(declared.getTypeArguments().get(0));
        }
        return Optional.empty();
    }

    boolean isListOf(TypeMirror type, TypeMirror element) {
        return listElement(type).map(actual -> types.isSameType(actual, element)).orElse(false);
    }

    boolean isSameType(TypeMirror a, TypeMirror b) {
        return types.isSameType(a, b);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code a String}, {@code an ImageRef}, {@code an int}. */
    static String article(String type) {
        return ("AEIOUaeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
