package dev.spool.processor.validation;

import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/** Types as messages show them: simple names, e.g. {@code List<Map<String, Thumbnail>>}. */
public final class TypeDisplay {

    private TypeDisplay() {}

    /** The short form of a type. */
    public static String of(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                String name = TaskSettings.displayName((TypeElement) declared.asElement());
                if (declared.getTypeArguments().isEmpty()) {
                    return name;
                }
                return declared.getTypeArguments().stream()
                        .map(TypeDisplay::of)
                        .collect(Collectors.joining(", ", name + "<", ">"));
            }
            case ARRAY:
                return of(((ArrayType) type).getComponentType()) + "[]";
            case TYPEVAR:
                return ((TypeVariable) type).asElement().getSimpleName().toString();
            case WILDCARD: {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + of(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    return "? super " + of(wildcard.getSuperBound());
                }
                return "?";
            }
            default:
                return type.toString();
        }
    }
}
