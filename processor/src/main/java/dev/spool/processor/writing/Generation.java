package dev.spool.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.Optional;
import javax.lang.model.util.Elements;

/** What every generated source file shares: the {@code @Generated} marker and file settings. */
public final class Generation {

    /** The value of {@code @Generated} on every generated type. */
    public static final String GENERATOR = "dev.spool.processor.SpoolProcessor";

    private static final String GENERATED = "javax.annotation.processing.Generated";

    private final Optional<AnnotationSpec> generated;

    public Generation(Elements elements) {
        this.generated = Optional.ofNullable(elements.getTypeElement(GENERATED))
                .map(type -> AnnotationSpec.builder(ClassName.get(type))
                        .addMember("value", "$S", GENERATOR)
                        .build());
    }

    /** Adds {@code @Generated("dev.spool.processor.SpoolProcessor")}, with no date, if available. */
    TypeSpec.Builder markGenerated(TypeSpec.Builder type) {
        generated.ifPresent(type::addAnnotation);
        return type;
    }

    /** A file for {@code type}, formatted like Spool's own code. */
    static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
