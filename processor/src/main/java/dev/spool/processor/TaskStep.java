package dev.spool.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.spool.processor.model.GeneratedNames;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.model.TaskModels;
import dev.spool.processor.validation.LocalClassTasks;
import dev.spool.processor.validation.Message;
import dev.spool.processor.validation.MissingTypes;
import dev.spool.processor.validation.PeriodicAnnotation;
import dev.spool.processor.validation.TaskAnnotation;
import dev.spool.processor.validation.TaskIndex;
import dev.spool.processor.validation.TaskNameRegistry;
import dev.spool.processor.validation.TaskSettings;
import dev.spool.processor.validation.TaskValidator;
import dev.spool.processor.validation.ValidationReport;
import dev.spool.processor.writing.Generation;
import dev.spool.processor.writing.StubWriter;
import dev.spool.processor.writing.TableWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Processes {@code @Task}: for each class with task methods, validate, build the model, write the
 * stub and the dispatch table, and hand the table to the {@link WorkerAggregation}. Classes whose
 * task signatures mention types that do not exist yet wait for a later round, by name.
 */
final class TaskStep implements ProcessingStep {

    private final ProcessingEnvironment environment;
    private final WorkerAggregation aggregation;
    private final TaskValidator validator;
    private final TaskModels models;
    private final StubWriter stubWriter;
    private final TableWriter tableWriter;
    private final Optional<LocalClassTasks> localClassTasks;
    private final TaskNameRegistry names = new TaskNameRegistry();
    private final Map<ClassName, String> generatedBy = new HashMap<>();
    private final SortedSet<String> deferred = new TreeSet<>();

    private final TaskIndex index;

    TaskStep(ProcessingEnvironment environment, WorkerAggregation aggregation, TaskIndex index) {
        this.environment = environment;
        this.aggregation = aggregation;
        this.index = index;
        this.validator = new TaskValidator(environment.getElementUtils(), environment.getTypeUtils());
        this.models = new TaskModels(environment.getElementUtils());
        Generation generation = new Generation(environment.getElementUtils());
        this.stubWriter = new StubWriter(generation);
        this.tableWriter = new TableWriter(generation);
        this.localClassTasks = LocalClassTasks.create(environment);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(TaskAnnotation.QUALIFIED_NAME, PeriodicAnnotation.QUALIFIED_NAME);
    }

    @Override
    public boolean process(RoundEnvironment round) {
        SortedMap<String, TypeElement> owners = new TreeMap<>();
        for (String name : deferred) {
            TypeElement owner = environment.getElementUtils().getTypeElement(name);
            if (owner != null) {
                owners.put(name, owner);
            }
        }
        deferred.clear();
        TypeElement task = environment.getElementUtils().getTypeElement(TaskAnnotation.QUALIFIED_NAME);
        if (task != null) {
            for (Element element : round.getElementsAnnotatedWith(task)) {
                if (element.getKind() == ElementKind.METHOD
                        && element.getEnclosingElement() instanceof TypeElement owner) {
                    owners.put(owner.getQualifiedName().toString(), owner);
                }
            }
        }
        for (TypeElement owner : owners.values()) {
            try {
                process(owner);
            } catch (RuntimeException | AssertionError e) {
                unexpected(owner, e);
            }
        }
        localClassTasks.ifPresent(check -> check.check(round));
        periodicWithoutTask(round);
        return !owners.isEmpty();
    }

    /** {@code @Periodic} on a method without {@code @Task} is an error at that method. */
    private void periodicWithoutTask(RoundEnvironment round) {
        TypeElement periodic = environment.getElementUtils().getTypeElement(PeriodicAnnotation.QUALIFIED_NAME);
        if (periodic == null) {
            return;
        }
        ValidationReport report = new ValidationReport();
        for (Element element : round.getElementsAnnotatedWith(periodic)) {
            if (TaskAnnotation.mirrorOn(element).isEmpty()) {
                report.add(Message.PERIODIC_WITHOUT_TASK, element, TaskSettings.displayName((TypeElement) element.getEnclosingElement())
                        + "." + element.getSimpleName() + "()");
            }
        }
        report.printTo(environment.getMessager());
    }

    @Override
    public boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    @Override
    public void processingOver(boolean errorRaised) {
        for (String name : errorRaised ? Set.<String>of() : deferred) {
            TypeElement owner = environment.getElementUtils().getTypeElement(name);
            if (owner == null) {
                continue;
            }
            ValidationReport report = new ValidationReport();
            taskMethods(owner).stream()
                    .filter(MissingTypes::any)
                    .forEach(method -> MissingTypes.report(method, report));
            report.printTo(environment.getMessager());
        }
        deferred.clear();
    }

    private void process(TypeElement owner) {
        String ownerName = owner.getQualifiedName().toString();
        List<ExecutableElement> methods = taskMethods(owner);
        if (methods.stream().anyMatch(MissingTypes::any)) {
            deferred.add(ownerName);
            index.record(ownerName, TaskIndex.Status.DEFERRED);
            return;
        }
        index.record(ownerName, TaskIndex.Status.FAILED);
        ValidationReport report = validator.validate(owner, methods, names);
        report.printTo(environment.getMessager());
        if (!report.isClean()) {
            return;
        }
        TaskClassModel model = models.create(owner, methods, report);
        if (claimGeneratedNames(owner, model)) {
            write(owner, stubWriter.write(model));
            write(owner, tableWriter.write(model));
            aggregation.add(owner, model);
            index.record(ownerName, TaskIndex.Status.GENERATED);
        }
    }

    private static List<ExecutableElement> taskMethods(TypeElement owner) {
        return ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(method -> TaskAnnotation.mirrorOn(method).isPresent())
                .toList();
    }

    /** Whether the stub and table names are free: {@code A_B} and {@code A.B} would share them. */
    private boolean claimGeneratedNames(TypeElement owner, TaskClassModel model) {
        String ownerName = TaskSettings.displayName(owner);
        for (ClassName generated : List.of(model.stub(), model.table())) {
            String earlier = generatedBy.get(generated);
            if (earlier != null) {
                error(owner, Message.GENERATED_NAME_CLASH.format(
                        generated.canonicalName(), ownerName, "it is already generated for " + earlier));
                return false;
            }
        }
        generatedBy.put(GeneratedNames.stub(model.owner()), ownerName);
        generatedBy.put(GeneratedNames.table(model.owner()), ownerName);
        return true;
    }

    private void write(TypeElement owner, JavaFile file) {
        String name = file.packageName().isEmpty()
                ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        try {
            JavaFileObject source = environment.getFiler().createSourceFile(name, owner);
            try (Writer writer = source.openWriter()) {
                file.writeTo(writer);
            }
        } catch (FilerException e) {
            error(owner, Message.GENERATED_NAME_CLASH.format(name, TaskSettings.displayName(owner), e.getMessage()));
        } catch (IOException e) {
            unexpected(owner, e);
        }
    }

    private void unexpected(Element element, Throwable e) {
        error(element, Message.UNEXPECTED_ERROR.format(element, e, Throwables.stackTrace(e)));
    }

    private void error(Element element, String message) {
        environment.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
