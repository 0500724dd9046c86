package dev.spool.workflow;

import com.fasterxml.jackson.databind.JavaType;
import dev.spool.spi.TypeRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks that a result fits the parameter it is fed to. */
final class Types {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class, byte.class, Byte.class,
            short.class, Short.class, char.class, Character.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class, void.class, Void.class);

    private Types() {}

    /** Whether a result of type {@code result} may be passed as a parameter of type {@code parameter}. */
    static boolean fits(TypeRef<?> result, TypeRef<?> parameter) {
        return fits(result.javaType(), parameter.javaType());
    }

    private static boolean fits(JavaType result, JavaType parameter) {
        if (result.equals(parameter)) {
            return true;
        }
        if (result.containedTypeCount() == 0 && parameter.containedTypeCount() == 0) {
            return box(result.getRawClass()) == box(parameter.getRawClass());
        }
        return false;
    }

    /** Whether {@code parameter} is a list (or collection, iterable) of {@code element}. */
    static boolean isListOf(TypeRef<?> parameter, TypeRef<?> element) {
        JavaType type = parameter.javaType();
        Class<?> raw = type.getRawClass();
        if (!(raw == List.class || raw == Collection.class || raw == Iterable.class) || type.containedTypeCount() != 1) {
            return false;
        }
        JavaType content = type.containedType(0);
        return fits(element.javaType(), content);
    }

    static boolean isVoid(TypeRef<?> type) {
        return box(type.javaType().getRawClass()) == Void.class;
    }

    private static Class<?> box(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }
}
