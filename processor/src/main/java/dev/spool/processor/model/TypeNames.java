package dev.spool.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * JavaPoet names for validated task types. Built by hand rather than with {@code
 * TypeName.get(TypeMirror)} so that type annotations such as {@code @Nullable} on a parameter do
 * not leak into type witnesses and class literals.
 */
public final class TypeNames {

    private TypeNames() {}

    /** The name of a type that passed validation: primitive, void, array or declared type. */
    public static TypeName of(TypeMirror type) {
        switch (type.getKind()) {
            case VOID:
                return TypeName.VOID;
            case BOOLEAN:
                return TypeName.BOOLEAN;
            case BYTE:
                return TypeName.BYTE;
            case SHORT:
                return TypeName.SHORT;
            case INT:
                return TypeName.INT;
            case LONG:
                return TypeName.LONG;
            case CHAR:
                return TypeName.CHAR;
            case FLOAT:
                return TypeName.FLOAT;
            case DOUBLE:
                return TypeName.DOUBLE;
            case ARRAY:
                return ArrayTypeName.of(of(((ArrayType) type).getComponentType()));
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                ClassName raw = ClassName.get((TypeElement) declared.asElement());
                if (declared.getTypeArguments().isEmpty()) {
                    return raw;
                }
                return ParameterizedTypeName.get(
                        raw, declared.getTypeArguments().stream().map(TypeNames::of).toArray(TypeName[]::new));
            }
            default:
                throw new IllegalArgumentException("not a valid task type: " + type);
        }
    }
}
