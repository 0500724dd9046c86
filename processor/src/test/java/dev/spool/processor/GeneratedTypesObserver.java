package dev.spool.processor;

import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Records, when processing ends, which of some type names exist. Compile Testing hides generated
 * files of a failed compilation; this shows what was generated anyway.
 */
final class GeneratedTypesObserver extends AbstractProcessor {

    private final Set<String> names;
    private final Set<String> existing = new TreeSet<>();

    GeneratedTypesObserver(String... names) {
        this.names = Set.of(names);
    }

    Set<String> existing() {
        return existing;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            names.stream().filter(name -> processingEnv.getElementUtils().getTypeElement(name) != null).forEach(existing::add);
        }
        return false;
    }
}
