package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import dev.spool.processor.validation.ConcurrencyKeyCheck;
import dev.spool.processor.validation.PeriodicAnnotation;
import dev.spool.processor.validation.TaskAnnotation;
import dev.spool.processor.validation.TaskSettings;
import dev.spool.processor.validation.TaskValidator;
import dev.spool.processor.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/** Builds {@link TaskClassModel}s from classes whose validation report is clean. */
public final class TaskModels {

    private final Elements elements;
    private final Deprecations deprecations;

    public TaskModels(Elements elements) {
        this.elements = elements;
        this.deprecations = new Deprecations(elements);
    }

    /**
     * The model of {@code owner}'s tasks.
     *
     * @throws IllegalArgumentException if {@code report} has errors
     */
    public TaskClassModel create(TypeElement owner, List<ExecutableElement> methods, ValidationReport report) {
        if (!report.isClean()) {
            throw new IllegalArgumentException("a model needs a clean report: " + report.items());
        }
        ClassName ownerName = ClassName.get(owner);
        List<TaskModel> tasks = new ArrayList<>();
        boolean usesDeprecatedApi = deprecations.isDeprecated(owner);
        List<String> constants = GeneratedNames.constants(methods);
        for (int i = 0; i < methods.size(); i++) {
            ExecutableElement method = methods.get(i);
            TaskModel task = task(owner, method, constants.get(i));
            tasks.add(task);
            usesDeprecatedApi |= task.isDeprecated()
                    || deprecations.mentionsDeprecated(method.getReturnType())
                    || TaskAnnotation.read(method, elements).noRetryForTypes().stream()
                            .anyMatch(deprecations::mentionsDeprecated)
                    || method.getParameters().stream().anyMatch(parameter -> deprecations.mentionsDeprecated(parameter.asType()));
        }
        boolean hasInstanceTasks = tasks.stream().anyMatch(task -> !task.isStatic());
        return new TaskClassModel(
                ownerName,
                GeneratedNames.stub(ownerName),
                GeneratedNames.table(ownerName),
                hasInstanceTasks && TaskValidator.construction(owner).orElse(false),
                usesDeprecatedApi,
                tasks);
    }

    private TaskModel task(TypeElement owner, ExecutableElement method, String constant) {
        TaskAnnotation annotation = TaskAnnotation.read(method, elements);
        List<TaskModel.ParameterModel> parameters = method.getParameters().stream()
                .map(parameter -> new TaskModel.ParameterModel(
                        parameter.getSimpleName().toString(), TypeNames.of(parameter.asType())))
                .toList();
        String timeout = annotation.timeoutText();
        return new TaskModel(
                method.getSimpleName().toString(),
                constant,
                TaskSettings.taskName(method, annotation),
                annotation.queueText(),
                annotation.retriesValue(),
                timeout.isEmpty() ? Optional.empty() : TaskSettings.parseTimeout(timeout),
                annotation.expiresText().isEmpty() ? Optional.empty() : TaskSettings.parseTimeout(annotation.expiresText()),
                annotation.noRetryForTypes().stream()
                        .map(type -> ClassName.get((TypeElement) ((DeclaredType) type).asElement()))
                        .toList(),
                TypeNames.of(method.getReturnType()),
                parameters,
                method.getModifiers().contains(Modifier.STATIC),
                method.isVarArgs(),
                deprecations.isDeprecated(method) || deprecations.isDeprecated(owner),
                PeriodicAnnotation.read(method, elements).map(p -> new TaskModel.PeriodicModel(
                        p.cronText().trim(), p.zoneText(), p.missedName())),
                annotation.uniqueName().equals("NONE") ? Optional.empty() : Optional.of(new TaskModel.UniqueModel(
                        annotation.uniqueName(), annotation.uniqueForText().isEmpty() ? Optional.empty()
                                : TaskSettings.parseTimeout(annotation.uniqueForText()))),
                ConcurrencyKeyCheck.read(method, elements).filter(c -> !c.keyText().isEmpty())
                        .map(c -> new TaskModel.ConcurrencyModel(c.keyText(), c.maxValue())),
                annotation.priorityValue());
    }
}
