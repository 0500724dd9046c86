package dev.spool.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/**
 * Code that builds a {@code TypeRef} constant, e.g. {@code TypeRef.parameterized(List.class,
 * TypeRef.of(Thumbnail.class))}. Arrays of validated types are never generic, so a class literal
 * such as {@code ImageRef[].class} describes them exactly.
 */
final class TypeRefs {

    private TypeRefs() {}

    static CodeBlock of(TypeName type) {
        if (type.equals(TypeName.VOID)) {
            return CodeBlock.of("$T.VOID", RuntimeNames.TYPE_REF);
        }
        if (type instanceof ParameterizedTypeName parameterized) {
            CodeBlock.Builder code = CodeBlock.builder()
                    .add("$T.parameterized($T.class", RuntimeNames.TYPE_REF, parameterized.rawType());
            parameterized.typeArguments().forEach(argument -> code.add(", $L", of(argument)));
            return code.add(")").build();
        }
        return CodeBlock.of("$T.of($T.class)", RuntimeNames.TYPE_REF, type);
    }

    /** Whether Java cannot infer the type argument of a {@code TypeRef} built by {@link #of}. */
    static boolean needsWitness(TypeName type) {
        return type instanceof ParameterizedTypeName;
    }
}
