package dev.spool.spi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Java type, generics included, that Spool encodes to and decodes from JSON. Generated code
 * builds these as constants, so no type is ever looked up by reflection while a job runs:
 *
 * <pre>{@code
 * TypeRef<List<Map<String, Thumbnail>>> THUMBNAILS = TypeRef.parameterized(List.class,
 *     TypeRef.parameterized(Map.class, TypeRef.of(String.class), TypeRef.of(Thumbnail.class)));
 * }</pre>
 *
 * @param <T> the type this reference stands for
 */
public final class TypeRef<T> {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    /** The type of a task that returns nothing. */
    public static final TypeRef<Void> VOID = new TypeRef<>(TYPES.constructType(Void.class));

    private final JavaType javaType;

    private TypeRef(JavaType javaType) {
        this.javaType = javaType;
    }

    /** A plain class or a primitive ({@code int.class} stays a primitive: JSON null is refused). */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>(TYPES.constructType(Objects.requireNonNull(type, "type")));
    }

    /** A generic type such as {@code List<Thumbnail>}: the raw class and its type arguments. */
    public static <T> TypeRef<T> parameterized(Class<?> raw, TypeRef<?>... arguments) {
        JavaType[] javaTypes = Arrays.stream(arguments).map(TypeRef::javaType).toArray(JavaType[]::new);
        return new TypeRef<>(TYPES.constructParametricType(raw, javaTypes));
    }

    /** An array whose elements are of the given type. */
    public static <T> TypeRef<T> arrayOf(TypeRef<?> component) {
        return new TypeRef<>(TYPES.constructArrayType(component.javaType));
    }

    /** The Jackson type behind this reference; for Spool's runtime, not for task code. */
    public JavaType javaType() {
        return javaType;
    }

    /** Whether values of this type can never be JSON null (Java primitives). */
    public boolean isPrimitive() {
        return javaType.isPrimitive();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TypeRef<?> that && javaType.equals(that.javaType);
    }

    @Override
    public int hashCode() {
        return javaType.hashCode();
    }

    /** The type as Java source spells it, e.g. {@code java.util.List<com.example.Thumbnail>}. */
    @Override
    public String toString() {
        return javaType.toCanonical();
    }
}
