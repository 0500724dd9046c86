package dev.spool.processor;

import com.palantir.javapoet.JavaFile;
import dev.spool.processor.model.WorkflowModel;
import dev.spool.processor.model.WorkflowModels;
import dev.spool.processor.validation.Message;
import dev.spool.processor.validation.TaskIndex;
import dev.spool.processor.validation.TaskSettings;
import dev.spool.processor.validation.WorkflowAnnotation;
import dev.spool.processor.validation.WorkflowValidator;
import dev.spool.processor.writing.Generation;
import dev.spool.processor.writing.WorkflowWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Processes {@code @Chain} and {@code @Chord}: for each type with workflow methods, validate (task
 * references, bindings, types), build the model and write the implementation, e.g. {@code
 * AlbumsWorkflows}. Runs after {@link TaskStep} in each round, so it knows which task stubs this
 * compilation generates. A type whose workflows mention types, or tasks whose classes, wait for a
 * later round waits too, by name.
 */
final class WorkflowStep implements ProcessingStep {

    private final ProcessingEnvironment environment;
    private final WorkflowValidator validator;
    private final WorkflowModels models;
    private final WorkflowWriter writer;
    private final SortedSet<String> deferred = new TreeSet<>();

    WorkflowStep(ProcessingEnvironment environment, TaskIndex index) {
        this.environment = environment;
        this.validator = new WorkflowValidator(environment.getElementUtils(), environment.getTypeUtils(), index);
        this.models = new WorkflowModels(environment.getElementUtils());
        this.writer = new WorkflowWriter(new Generation(environment.getElementUtils()));
    }

    @Override
    public Set<String> annotations() {
        return Set.of(WorkflowAnnotation.CHAIN, WorkflowAnnotation.CHORD);
    }

    @Override
    public boolean process(RoundEnvironment round) {
        SortedMap<String, TypeElement> types = new TreeMap<>();
        for (String name : deferred) {
            TypeElement type = environment.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        }
        deferred.clear();
        for (String annotation : annotations()) {
            TypeElement annotationType = environment.getElementUtils().getTypeElement(annotation);
            if (annotationType == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotationType)) {
                if (element.getKind() == ElementKind.METHOD
                        && element.getEnclosingElement() instanceof TypeElement type) {
                    types.put(type.getQualifiedName().toString(), type);
                }
            }
        }
        for (TypeElement type : types.values()) {
            try {
                process(type, false);
            } catch (RuntimeException | AssertionError e) {
                unexpected(type, e);
            }
        }
        return !types.isEmpty();
    }

    @Override
    public boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    @Override
    public void processingOver(boolean errorRaised) {
        for (String name : deferred) {
            TypeElement type = environment.getElementUtils().getTypeElement(name);
            if (type == null) {
                continue;
            }
            try {
                // A source written now would not be compiled cleanly: report, never write.
                validator.validate(type, true).report().printTo(environment.getMessager());
            } catch (RuntimeException | AssertionError e) {
                unexpected(type, e);
            }
        }
        deferred.clear();
    }

    private void process(TypeElement type, boolean last) {
        WorkflowValidator.Result result = validator.validate(type, last);
        if (result.deferred()) {
            deferred.add(type.getQualifiedName().toString());
            return;
        }
        result.report().printTo(environment.getMessager());
        if (!result.generate()) {
            return;
        }
        WorkflowModel model = models.create(type, result.plans(), result.report());
        write(type, writer.write(model));
    }

    private void write(TypeElement type, JavaFile file) {
        String name = file.packageName().isEmpty()
                ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        try {
            JavaFileObject source = environment.getFiler().createSourceFile(name, type);
            try (Writer out = source.openWriter()) {
                file.writeTo(out);
            }
        } catch (FilerException e) {
            error(type, Message.GENERATED_NAME_CLASH.format(name, TaskSettings.displayName(type), e.getMessage()));
        } catch (IOException e) {
            unexpected(type, e);
        }
    }

    private void unexpected(Element element, Throwable e) {
        error(element, Message.UNEXPECTED_ERROR.format(element, e, Throwables.stackTrace(e)));
    }

    private void error(Element element, String message) {
        environment.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
