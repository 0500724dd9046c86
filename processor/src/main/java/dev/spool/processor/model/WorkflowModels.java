package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.spool.processor.validation.ValidationReport;
import dev.spool.processor.validation.WorkflowPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Builds {@link WorkflowModel}s from interfaces whose validation report is clean. */
public final class WorkflowModels {

    private final Deprecations deprecations;

    public WorkflowModels(Elements elements) {
        this.deprecations = new Deprecations(elements);
    }

    /**
     * The model of {@code workflowInterface}'s workflows.
     *
     * @throws IllegalArgumentException if {@code report} has errors
     */
    public WorkflowModel create(TypeElement workflowInterface, List<WorkflowPlan> plans, ValidationReport report) {
        if (!report.isClean()) {
            throw new IllegalArgumentException("a model needs a clean report: " + report.items());
        }
        ClassName name = ClassName.get(workflowInterface);
        boolean deprecated = deprecations.isDeprecated(workflowInterface);
        List<WorkflowModel.Method> methods = new ArrayList<>();
        for (WorkflowPlan plan : plans) {
            ExecutableElement method = plan.method();
            deprecated |= deprecations.isDeprecated(method) || deprecations.mentionsDeprecated(method.getReturnType())
                    || method.getParameters().stream().anyMatch(parameter -> deprecations.mentionsDeprecated(parameter.asType()));
            List<WorkflowPlan.Step> all = new ArrayList<>(plan.steps());
            plan.callback().ifPresent(all::add);
            plan.onFailure().ifPresent(all::add);
            for (WorkflowPlan.Step step : all) {
                deprecated |= deprecations.isDeprecated(step.task().method());
            }
            Map<String, TypeName> parameterTypes = method.getParameters().stream()
                    .collect(Collectors.toMap(parameter -> parameter.getSimpleName().toString(),
                            parameter -> TypeNames.of(parameter.asType()), (a, b) -> a));
            methods.add(new WorkflowModel.Method(
                    method.getSimpleName().toString(),
                    WorkflowModel.Shape.valueOf(plan.shape().name()),
                    TypeNames.of(method.getReturnType()),
                    method.getParameters().stream().map(WorkflowModels::parameter).toList(),
                    method.isVarArgs(),
                    plan.steps().stream().map(step -> step(step, parameterTypes::get)).toList(),
                    plan.callback().map(step -> step(step, parameterTypes::get)),
                    plan.onFailure().map(step -> step(step, parameterTypes::get)),
                    plan.nest()));
        }
        return new WorkflowModel(name, GeneratedNames.workflows(name), deprecated, methods);
    }

    private static TaskModel.ParameterModel parameter(VariableElement parameter) {
        return new TaskModel.ParameterModel(parameter.getSimpleName().toString(), TypeNames.of(parameter.asType()));
    }

    private static WorkflowModel.Step step(WorkflowPlan.Step step, Function<String, TypeName> typeOf) {
        Optional<String> elementOf = Optional.empty();
        int elementPosition = 0;
        List<String> bound = new ArrayList<>();
        for (WorkflowPlan.Argument argument : step.arguments()) {
            if (argument instanceof WorkflowPlan.Element element) {
                elementOf = Optional.of(element.listParameter());
                elementPosition = bound.size();
            } else if (argument instanceof WorkflowPlan.FromParameter parameter) {
                bound.add(parameter.name());
            }
        }
        ClassName owner = ClassName.get(step.task().owner());
        return new WorkflowModel.Step(
                step.task().taskName(),
                step.task().workflow() ? owner : GeneratedNames.stub(owner),
                step.task().workflow() ? "" : step.task().constant(),
                elementOf,
                elementPosition,
                bound,
                bound.stream().map(typeOf).toList());
    }
}
