package dev.spool.processor.validation;

import dev.spool.processor.validation.TaskResolver.Resolved;
import dev.spool.processor.validation.WorkflowAnnotation.Reference;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves {@code "#name"}: a reference, in a {@code @Chain} or {@code @Chord}, to another workflow
 * method of the same interface (declared there or inherited). It stands where a task would, with
 * the workflow method's parameters as the task's and {@code R} of its {@code Job<R>} as the result.
 */
final class WorkflowRefs {

    /** What starts a reference to a workflow method. */
    static final String PREFIX = "#";

    private static final Set<String> JOBS = Set.of("dev.spool.Job", "dev.spool.workflow.WorkflowJob");

    private WorkflowRefs() {}

    /** The workflow methods of {@code type}, declared and inherited, in the order the elements give. */
    static List<ExecutableElement> workflowMethods(Elements elements, TypeElement type) {
        return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
                .filter(WorkflowAnnotation::isWorkflow)
                .toList();
    }

    static Optional<Resolved> resolve(Elements elements, ExecutableElement method, WorkflowAnnotation annotation,
            Reference reference, ValidationReport report, MethodCheck.Flags flags) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        String name = reference.name().substring(PREFIX.length());
        String description = WorkflowValidator.describe(method);
        List<ExecutableElement> all = workflowMethods(elements, type);
        List<ExecutableElement> named = all.stream()
                .filter(candidate -> candidate.getSimpleName().contentEquals(name))
                .toList();
        if (named.isEmpty()) {
            Optional<String> suggestion = all.stream()
                    .map(candidate -> candidate.getSimpleName().toString())
                    .filter(candidate -> TaskResolver.distance(candidate.toLowerCase(Locale.ROOT),
                            name.toLowerCase(Locale.ROOT)) <= Math.max(2, name.length() / 4))
                    .findFirst();
            report.add(Message.WORKFLOW_UNKNOWN_WORKFLOW, method, annotation.mirror(), reference.value(),
                    "@" + annotation.kind().simpleName(), description, reference.name(),
                    TaskSettings.displayName(type),
                    suggestion.map(candidate -> " Did you mean \"#" + candidate + "\"?").orElse(""));
            return Optional.empty();
        }
        if (named.size() > 1) {
            report.add(Message.WORKFLOW_AMBIGUOUS_WORKFLOW, method, annotation.mirror(), reference.value(),
                    "@" + annotation.kind().simpleName(), description, reference.name(), named.stream()
                            .map(WorkflowValidator::describe).collect(Collectors.joining(" and ")));
            return Optional.empty();
        }
        ExecutableElement target = named.get(0);
        Optional<TypeMirror> result = jobResult(target.getReturnType());
        if (result.isEmpty() || MissingTypes.any(target)) {
            // The target's own check reports its return type; nothing can be generated.
            flags.generate = false;
            return Optional.empty();
        }
        return Optional.of(new Resolved(reference.name(), type, target, null, result.get(), true));
    }

    /** {@code R} of a {@code Job<R>} or {@code WorkflowJob<R>}. */
    static Optional<TypeMirror> jobResult(TypeMirror returned) {
        if (returned instanceof DeclaredType declared
                && JOBS.contains(((TypeElement) declared.asElement()).getQualifiedName().toString())
                && declared.getTypeArguments().size() == 1) {
            return Optional.of(declared.getTypeArguments().get(0));
        }
        return Optional.empty();
    }
}
