package dev.spool.processor.model;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Whether generated code would touch deprecated API, so that it can carry {@code @Deprecated} or
 * suppress the warning instead of breaking a user's {@code -Werror} build.
 */
final class Deprecations {

    private final Elements elements;

    Deprecations(Elements elements) {
        this.elements = elements;
    }

    /** Whether the element, or a type or method around it, is deprecated. */
    boolean isDeprecated(Element element) {
        for (Element e = element;
                e instanceof TypeElement || e instanceof ExecutableElement;
                e = e.getEnclosingElement()) {
            if (elements.isDeprecated(e)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the type, an array's component or any type argument names a deprecated type. */
    boolean mentionsDeprecated(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return mentionsDeprecated(((ArrayType) type).getComponentType());
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType declared = (DeclaredType) type;
        return isDeprecated(declared.asElement())
                || declared.getTypeArguments().stream().anyMatch(this::mentionsDeprecated);
    }
}
