package dev.spool.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.spool.processor.model.GeneratedNames;
import dev.spool.processor.validation.TaskResolver.Ambiguous;
import dev.spool.processor.validation.TaskResolver.Found;
import dev.spool.processor.validation.TaskResolver.Resolution;
import dev.spool.processor.validation.TaskResolver.Resolved;
import dev.spool.processor.validation.TaskResolver.Unknown;
import dev.spool.processor.validation.WorkflowAnnotation.Reference;
import dev.spool.processor.validation.WorkflowPlan.Argument;
import dev.spool.processor.validation.WorkflowPlan.Shape;
import dev.spool.processor.validation.WorkflowPlan.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What the checks of one workflow method share: resolving task references, binding task parameters
 * to the method's parameters by name, and the final check of the method's return type and unused
 * parameters. {@link ChainCheck} and {@link ChordCheck} add the shape's own rules.
 */
abstract class MethodCheck {

    private static final Set<String> JOBS = Set.of("dev.spool.Job", "dev.spool.workflow.WorkflowJob");
    private static final String WORKFLOW_FAILURE = "dev.spool.workflow.WorkflowFailure";

    /** What the checks of one type learn across its methods. */
    static final class Flags {
        /** A task or type may still appear in a later round. */
        boolean deferred;
        /** The implementation may be written. */
        boolean generate = true;
    }

    /** The tools a check uses, shared by every method of a compilation. */
    record Tools(Elements elements, TypeFits fits, TaskResolver resolver, TaskIndex index) {}

    final Tools tools;
    final TypeFits fits;
    final ExecutableElement method;
    final WorkflowAnnotation annotation;
    final ValidationReport report;
    final Flags flags;
    final PackageElement pkg;
    final String description;
    private final Set<String> used = new LinkedHashSet<>();
    private final int errorsBefore;

    MethodCheck(Tools tools, TypeElement type, ExecutableElement method, WorkflowAnnotation annotation,
            ValidationReport report, Flags flags) {
        this.tools = tools;
        this.fits = tools.fits();
        this.method = method;
        this.annotation = annotation;
        this.report = report;
        this.flags = flags;
        this.pkg = tools.elements().getPackageOf(type);
        this.description = WorkflowValidator.describe(method);
        this.errorsBefore = report.items().size();
    }

    /** The plan of the method, or empty if it has errors (reported) or must wait for a later round. */
    abstract Optional<WorkflowPlan> check();

    /** Marks a workflow method parameter as used by a step. */
    final void use(String parameter) {
        used.add(parameter);
    }

    final Optional<WorkflowPlan> finish(Shape shape, List<Step> steps, Optional<Step> callback, Resolved last) {
        Optional<Step> onFailure = annotation.onFailure().flatMap(this::onFailure);
        TypeMirror result = fits.box(last.result());
        if (result.getKind() == TypeKind.VOID) {
            result = tools.elements().getTypeElement("java.lang.Void").asType();
        }
        if (!returnsJobOf(result)) {
            report.add(Message.WORKFLOW_RETURN_TYPE, method, description,
                    TypeDisplay.of(method.getReturnType()), last.taskName(),
                    TypeDisplay.of(last.result()), "Job<" + TypeDisplay.of(result) + ">");
        }
        if (report.items().size() == errorsBefore) {
            for (VariableElement parameter : method.getParameters()) {
                if (!used.contains(parameter.getSimpleName().toString())) {
                    report.add(Message.WORKFLOW_UNUSED_PARAMETER, parameter,
                            parameter.getSimpleName(), description);
                }
            }
        }
        if (report.items().size() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowPlan(method, shape, steps, callback, result, onFailure));
    }

    /** The error handler: the failure first, then parameters bound by name. */
    private Optional<Step> onFailure(Reference reference) {
        if (reference.name().startsWith(WorkflowRefs.PREFIX)) {
            report.add(Message.WORKFLOW_ON_FAILURE_WORKFLOW, method, annotation.mirror(), reference.value(),
                    reference.name(), description);
            return Optional.empty();
        }
        List<Resolved> resolved = resolveAll(List.of(reference));
        if (resolved == null) {
            return Optional.empty();
        }
        Resolved handler = resolved.get(0);
        List<? extends VariableElement> parameters = handler.method().getParameters();
        String problem = null;
        if (parameters.isEmpty()) {
            problem = "it takes no parameters";
        } else if (!isWorkflowFailure(parameters.get(0).asType())) {
            problem = "its first parameter '" + parameters.get(0).getSimpleName() + "' is "
                    + TypeFits.article(TypeDisplay.of(parameters.get(0).asType()));
        }
        if (problem != null) {
            report.add(Message.WORKFLOW_ON_FAILURE_INPUT, method, annotation.mirror(), reference.value(),
                    handler.taskName(), description, problem);
            return Optional.empty();
        }
        List<Argument> arguments = new ArrayList<>();
        arguments.add(new WorkflowPlan.Fed());
        arguments.addAll(bind(handler, 1, "the onFailure handler", reference));
        return Optional.of(new Step(handler, arguments));
    }

    private static boolean isWorkflowFailure(TypeMirror type) {
        return type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(WORKFLOW_FAILURE);
    }

    /** The tasks for the references, or {@code null} if one is not found (reported or deferred). */
    final List<Resolved> resolveAll(List<Reference> references) {
        List<Resolved> tasks = new ArrayList<>();
        boolean complete = true;
        for (Reference reference : references) {
            Optional<Resolved> task = resolve(reference);
            task.ifPresent(tasks::add);
            complete &= task.isPresent();
        }
        return complete ? tasks : null;
    }

    private Optional<Resolved> resolve(Reference reference) {
        String where = "@" + annotation.kind().simpleName();
        if (reference.name().startsWith(WorkflowRefs.PREFIX)) {
            return WorkflowRefs.resolve(tools.elements(), method, annotation, reference, report, flags);
        }
        Resolution resolution = tools.resolver().resolve(reference.name(), pkg);
        if (resolution instanceof Unknown unknown) {
            report.add(Message.WORKFLOW_UNKNOWN_TASK, method, annotation.mirror(), reference.value(),
                    where, description, reference.name(),
                    unknown.suggestion().map(name -> " Did you mean \"" + name + "\"?").orElse(""),
                    pkg.isUnnamed() ? "the unnamed package" : pkg.getQualifiedName());
            return Optional.empty();
        }
        if (resolution instanceof Ambiguous ambiguous) {
            report.add(Message.WORKFLOW_AMBIGUOUS_TASK, method, annotation.mirror(), reference.value(),
                    where, description, reference.name(), ambiguous.tasks().stream()
                            .map(task -> TaskValidator.describe(task.method())
                                    + " in " + task.owner().getQualifiedName())
                            .collect(Collectors.joining(" and ")));
            return Optional.empty();
        }
        Resolved task = ((Found) resolution).task();
        String owner = task.owner().getQualifiedName().toString();
        Optional<TaskIndex.Status> status = tools.index().status(owner);
        if (status.isPresent()) {
            if (status.get() == TaskIndex.Status.DEFERRED || MissingTypes.any(task.method())) {
                flags.deferred = true;
                flags.generate = false;
                return Optional.empty();
            }
            if (status.get() == TaskIndex.Status.FAILED) {
                // Its own errors are reported; check the workflow, but write nothing.
                flags.generate = false;
            }
        } else if (!stubHasConstant(task)) {
            String stub = stubName(task.owner());
            report.add(Message.WORKFLOW_MISSING_STUB, method, annotation.mirror(), reference.value(),
                    where, description, reference.name(), TaskValidator.describe(task.method()),
                    stub + "." + task.constant(), owner);
            return Optional.empty();
        }
        return Optional.of(task);
    }

    /** Binds parameters {@code from}.. of {@code task} to the workflow method's parameters, by name. */
    final List<Argument> bind(Resolved task, int from, String label, Reference reference) {
        List<Argument> arguments = new ArrayList<>();
        List<? extends VariableElement> parameters = task.method().getParameters();
        boolean unnamed = !parameters.isEmpty() && hasSyntheticNames(task.method());
        for (int i = from; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            TypeMirror type = parameter.asType();
            String name = parameter.getSimpleName().toString();
            if (unnamed) {
                List<VariableElement> candidates = method.getParameters().stream()
                        .filter(candidate -> fits.fits(candidate.asType(), type).isEmpty())
                        .collect(Collectors.toList());
                if (candidates.size() == 1) {
                    String bound = candidates.get(0).getSimpleName().toString();
                    used.add(bound);
                    arguments.add(new WorkflowPlan.FromParameter(bound));
                } else {
                    report.add(Message.WORKFLOW_UNNAMED_PARAMETER, method, annotation.mirror(), reference.value(),
                            i + 1, TypeDisplay.of(type), task.taskName(), label, description,
                            candidates.isEmpty()
                                    ? "the workflow method has no parameter of that type"
                                    : "the workflow method has " + candidates.size() + " parameters of that type ("
                                            + candidates.stream().map(c -> "'" + c.getSimpleName() + "'")
                                                    .collect(Collectors.joining(", ")) + ")",
                            task.owner().getQualifiedName(), TypeDisplay.of(type));
                }
                continue;
            }
            Optional<? extends VariableElement> match = method.getParameters().stream()
                    .filter(candidate -> candidate.getSimpleName().contentEquals(name))
                    .findFirst();
            if (match.isEmpty()) {
                report.add(Message.WORKFLOW_UNBOUND_PARAMETER, method, annotation.mirror(), reference.value(),
                        name, TypeDisplay.of(type), task.taskName(), label, description, name,
                        "Add a parameter '" + name + "' of type " + TypeDisplay.of(type)
                                + " to the workflow method, or rename the one that is meant for it.");
                continue;
            }
            VariableElement source = match.get();
            Optional<String> misfit = fits.fits(source.asType(), type);
            if (misfit.isPresent()) {
                report.add(Message.WORKFLOW_PARAMETER_TYPE, method, annotation.mirror(), reference.value(),
                        name, task.taskName(), label, description, TypeDisplay.of(type), name,
                        TypeDisplay.of(source.asType()), TypeFits.capitalize(misfit.get()) + ".");
                continue;
            }
            used.add(name);
            arguments.add(new WorkflowPlan.FromParameter(name));
        }
        return arguments;
    }

    final String firstParameterName() {
        return method.getParameters().get(0).getSimpleName().toString();
    }

    final String firstParameterType() {
        return TypeDisplay.of(method.getParameters().get(0).asType());
    }

    private boolean returnsJobOf(TypeMirror result) {
        TypeMirror returned = method.getReturnType();
        if (!(returned instanceof DeclaredType declared)
                || !JOBS.contains(((TypeElement) declared.asElement()).getQualifiedName().toString())
                || declared.getTypeArguments().size() != 1) {
            return false;
        }
        return fits.isSameType(declared.getTypeArguments().get(0), result);
    }

    /** The qualified name of the stub generated for {@code owner}, e.g. {@code com.example.ThumbnailsTasks}. */
    private static String stubName(TypeElement owner) {
        return GeneratedNames.stub(ClassName.get(owner)).canonicalName();
    }

    /** Whether the owner's stub, from the class path, has the task's descriptor constant. */
    private boolean stubHasConstant(Resolved task) {
        TypeElement stub = tools.elements().getTypeElement(stubName(task.owner()));
        return stub != null && ElementFilter.fieldsIn(stub.getEnclosedElements()).stream()
                .anyMatch(field -> field.getSimpleName().contentEquals(task.constant()));
    }

    private static boolean hasSyntheticNames(ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
                return false;
            }
        }
        return true;
    }
}
