package dev.spool.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.spool.processor.model.GeneratedNames;

import dev.spool.processor.validation.TaskResolver.Ambiguous;
import dev.spool.processor.validation.TaskResolver.Found;
import dev.spool.processor.validation.TaskResolver.Resolution;
import dev.spool.processor.validation.TaskResolver.Resolved;
import dev.spool.processor.validation.TaskResolver.Unknown;
import dev.spool.processor.validation.WorkflowAnnotation.Kind;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the {@code @Chain} and {@code @Chord} methods of one type: that the type is an interface
 * Spool can implement, that every task reference resolves to exactly one task, that every task
 * parameter is bound (by name, or fed by the step before), and that every result fits the input it
 * feeds. Values fit when their types are the same, or when a primitive feeds its box; nothing
 * else, because a worker decodes JSON to the declared parameter type, not to the type that was
 * encoded.
 */
public final class WorkflowValidator {

    private static final Set<String> JOBS = Set.of("dev.spool.Job", "dev.spool.workflow.WorkflowJob");
    private static final String LIST = "java.util.List";

    private final Elements elements;
    private final Types types;
    private final TaskResolver resolver;
    private final TaskIndex index;

    /**
     * The outcome for one type.
     *
     * @param report the problems, to print unless {@code deferred}
     * @param deferred whether a task or type may still appear in a later round
     * @param generate whether the implementation may be written (clean, and every task's stub exists
     *     or is generated in this compilation)
     * @param plans one per workflow method, in the order of {@link #workflowMethods}
     */
    public record Result(ValidationReport report, boolean deferred, boolean generate, List<WorkflowPlan> plans) {}

    public WorkflowValidator(Elements elements, Types types, TaskIndex index) {
        this.elements = elements;
        this.types = types;
        this.index = index;
        this.resolver = new TaskResolver(elements, index);
    }

    /**
     * The workflow methods of an interface, declared and inherited, sorted as the generated class
     * lists them: declared in the interface, then inherited, each in source order.
     */
    public List<ExecutableElement> workflowMethods(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(WorkflowAnnotation::isWorkflow)
                .forEach(methods::add);
        ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
                .filter(method -> !method.getEnclosingElement().equals(type))
                .filter(method -> method.getModifiers().contains(Modifier.ABSTRACT))
                .filter(WorkflowAnnotation::isWorkflow)
                .forEach(methods::add);
        return methods;
    }

    /** Validates the workflow methods of {@code type}; {@code last} in the final round (never defer). */
    public Result validate(TypeElement type, boolean last) {
        ValidationReport report = new ValidationReport();
        Context context = new Context();
        boolean isInterface = type.getKind() == ElementKind.INTERFACE;
        List<ExecutableElement> methods = workflowMethods(type);
        if (isInterface) {
            validateInterface(type, report);
        }
        List<WorkflowPlan> plans = new ArrayList<>();
        for (ExecutableElement method : methods) {
            boolean declaredHere = method.getEnclosingElement().equals(type);
            // Inherited methods are reported with their own interface; here they only stop generation.
            ValidationReport target = declaredHere ? report : new ValidationReport();
            Optional<WorkflowPlan> plan = validateMethod(type, method, isInterface, target, context);
            plan.ifPresent(plans::add);
            if (!declaredHere && !target.isClean()) {
                context.generate = false;
            }
        }
        boolean generate = isInterface && context.generate && report.isClean() && plans.size() == methods.size();
        return new Result(report, context.deferred && !last, generate, plans);
    }

    private static final class Context {
        boolean deferred;
        boolean generate = true;
    }

    private void validateInterface(TypeElement type, ValidationReport report) {
        String name = TaskSettings.displayName(type);
        for (Element e = type; e instanceof TypeElement enclosing; e = e.getEnclosingElement()) {
            if (enclosing.getNestingKind() == NestingKind.LOCAL) {
                report.add(Message.WORKFLOW_INVALID_INTERFACE, type, name, "it is local",
                        "Move it to the top level or into a class.");
                return;
            }
            if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
                report.add(Message.WORKFLOW_INVALID_INTERFACE, type, name,
                        (enclosing == type ? "it is" : TaskSettings.displayName(enclosing) + " is") + " private",
                        "Make it package-private or public.");
                return;
            }
        }
        if (!type.getTypeParameters().isEmpty()) {
            report.add(Message.WORKFLOW_INVALID_INTERFACE, type, name, "it declares type parameters",
                    "Remove them and use concrete types.");
        }
        String generated = TaskSettings.displayName(type).replace('.', '_') + "Workflows";
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)
                    && !WorkflowAnnotation.isWorkflow(method)
                    && !isObjectMethod(method)) {
                boolean declaredHere = method.getEnclosingElement().equals(type);
                report.add(Message.WORKFLOW_UNANNOTATED_METHOD, declaredHere ? method : type,
                        name, describe(method), generated);
            }
        }
    }

    private boolean isObjectMethod(ExecutableElement method) {
        TypeElement object = elements.getTypeElement("java.lang.Object");
        return ElementFilter.methodsIn(object.getEnclosedElements()).stream()
                .filter(candidate -> candidate.getModifiers().contains(Modifier.PUBLIC))
                .anyMatch(candidate -> candidate.getSimpleName().equals(method.getSimpleName())
                        && types.isSameType(types.erasure(candidate.asType()), types.erasure(method.asType())));
    }

    private Optional<WorkflowPlan> validateMethod(
            TypeElement type, ExecutableElement method, boolean isInterface, ValidationReport report, Context context) {
        boolean chain = WorkflowAnnotation.mirrorOn(method, Kind.CHAIN).isPresent();
        boolean chord = WorkflowAnnotation.mirrorOn(method, Kind.CHORD).isPresent();
        String description = describe(method);
        if (chain && chord) {
            report.add(Message.WORKFLOW_CHAIN_AND_CHORD, method,
                    WorkflowAnnotation.mirrorOn(method, Kind.CHORD).orElseThrow(), null, description);
            return Optional.empty();
        }
        Kind kind = chain ? Kind.CHAIN : Kind.CHORD;
        WorkflowAnnotation annotation = WorkflowAnnotation.read(method, kind);
        int errors = report.items().size();
        if (!isInterface) {
            report.add(Message.WORKFLOW_NOT_IN_INTERFACE, method, annotation.mirror(), null,
                    kind.simpleName(), description, TaskSettings.displayName(type));
        } else if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
            String what = method.getModifiers().contains(Modifier.STATIC) ? "static"
                    : method.getModifiers().contains(Modifier.PRIVATE) ? "private"
                    : "a default method";
            report.add(Message.WORKFLOW_NOT_ABSTRACT, method, annotation.mirror(), null,
                    kind.simpleName(), description, what);
        }
        if (!method.getTypeParameters().isEmpty()) {
            report.add(Message.WORKFLOW_GENERIC_METHOD, method, annotation.mirror(), null,
                    kind.simpleName(), description, method.getTypeParameters().stream()
                            .map(parameter -> parameter.getSimpleName().toString())
                            .collect(Collectors.joining(", ", "<", ">")));
        }
        if (report.items().size() > errors) {
            return Optional.empty();
        }
        if (MissingTypes.any(method)) {
            context.deferred = true;
            context.generate = false;
            return Optional.empty();
        }
        MethodCheck check = new MethodCheck(type, method, annotation, report, context);
        return kind == Kind.CHAIN ? check.chain() : check.chord();
    }

    /** The checks of one workflow method. */
    private final class MethodCheck {
        private final ExecutableElement method;
        private final WorkflowAnnotation annotation;
        private final ValidationReport report;
        private final Context context;
        private final PackageElement pkg;
        private final String description;
        private final Set<String> used = new LinkedHashSet<>();
        private final int errorsBefore;

        MethodCheck(TypeElement type, ExecutableElement method, WorkflowAnnotation annotation,
                ValidationReport report, Context context) {
            this.method = method;
            this.annotation = annotation;
            this.report = report;
            this.context = context;
            this.pkg = elements.getPackageOf(type);
            this.description = describe(method);
            this.errorsBefore = report.items().size();
        }

        Optional<WorkflowPlan> chain() {
            List<Reference> references = annotation.steps();
            if (references.size() < 2) {
                report.add(Message.CHAIN_TOO_SHORT, method, annotation.mirror(), annotation.stepsValue(),
                        description, references.isEmpty() ? "no steps" : "one step",
                        references.isEmpty()
                                ? "List the task names in order."
                                : "Call the task's stub directly, or add the steps that follow it.");
            }
            List<Resolved> tasks = resolveAll(references, "Step");
            if (tasks == null || references.size() < 2) {
                return Optional.empty();
            }
            List<Step> steps = new ArrayList<>();
            for (int k = 0; k < tasks.size(); k++) {
                Resolved task = tasks.get(k);
                Reference reference = references.get(k);
                String label = "step " + (k + 1);
                if (k == 0) {
                    steps.add(new Step(task, bind(task, 0, label, reference)));
                    continue;
                }
                Resolved previous = tasks.get(k - 1);
                TypeMirror fed = previous.method().getReturnType();
                if (fed.getKind() == TypeKind.VOID) {
                    report.add(Message.CHAIN_VOID_STEP, method, annotation.mirror(), references.get(k - 1).value(),
                            k, description, previous.taskName(), k + 1, task.taskName(), previous.taskName());
                    continue;
                }
                List<? extends VariableElement> parameters = task.method().getParameters();
                if (parameters.isEmpty()) {
                    stepInput(k, task, previous, reference, "it takes no parameters, so that result would be lost."
                            + " Give " + task.taskName() + " a first parameter of type " + TypeDisplay.of(fed)
                            + ", or put a step between them");
                } else {
                    TypeMirror input = parameters.get(0).asType();
                    Optional<String> problem = fits(fed, input);
                    if (problem.isPresent()) {
                        stepInput(k, task, previous, reference, "its first parameter '" + parameters.get(0).getSimpleName()
                                + "' is " + article(TypeDisplay.of(input)) + ", and " + problem.get());
                    }
                }
                List<Argument> arguments = new ArrayList<>();
                arguments.add(new WorkflowPlan.Fed());
                arguments.addAll(bind(task, 1, label, reference));
                steps.add(new Step(task, arguments));
            }
            return finish(Shape.CHAIN, steps, Optional.empty(), tasks.get(tasks.size() - 1));
        }

        private void stepInput(int k, Resolved task, Resolved previous, Reference reference, String reason) {
            report.add(Message.CHAIN_STEP_INPUT, method, annotation.mirror(), reference.value(),
                    k + 1, description, task.taskName(), k, previous.taskName() + " returns "
                            + TypeDisplay.of(previous.method().getReturnType()), reason);
        }

        Optional<WorkflowPlan> chord() {
            Optional<Reference> header = annotation.header().filter(reference -> !reference.name().isEmpty());
            boolean hasMembers = !annotation.steps().isEmpty();
            if (header.isPresent() && hasMembers) {
                report.add(Message.CHORD_HEADER_OR_MEMBERS, method, annotation.mirror(), header.get().value(),
                        description, "gives both header and members");
                return Optional.empty();
            }
            if (header.isEmpty() && !hasMembers) {
                report.add(Message.CHORD_HEADER_OR_MEMBERS, method, annotation.mirror(),
                        annotation.hasMembers() ? annotation.stepsValue() : null,
                        description, annotation.hasMembers() ? "has no members and no header" : "has no header and no members");
                return Optional.empty();
            }
            if (annotation.callback().isEmpty()) {
                // javac reports the missing required value.
                return Optional.empty();
            }
            Reference callbackReference = annotation.callback().get();
            return header.isPresent()
                    ? listChord(header.get(), callbackReference)
                    : memberChord(callbackReference);
        }

        private Optional<WorkflowPlan> listChord(Reference headerReference, Reference callbackReference) {
            List<Resolved> tasks = resolveAll(List.of(headerReference, callbackReference), "Chord");
            if (tasks == null) {
                return Optional.empty();
            }
            Resolved header = tasks.get(0);
            Resolved callback = tasks.get(1);
            List<Argument> headerArguments = new ArrayList<>();
            boolean headerUsable = true;
            if (header.method().getReturnType().getKind() == TypeKind.VOID) {
                report.add(Message.CHORD_VOID_MEMBER, method, annotation.mirror(), headerReference.value(),
                        "header", header.taskName(), description);
                headerUsable = false;
            }
            List<? extends VariableElement> headerParameters = header.method().getParameters();
            if (headerParameters.isEmpty()) {
                report.add(Message.CHORD_HEADER_INPUT, method, annotation.mirror(), headerReference.value(),
                        header.taskName(), description, firstParameterName(), firstParameterType(),
                        "the header takes no parameters, so there is nothing to fan out. Give it a first parameter"
                                + " that takes one element");
                return Optional.empty();
            }
            TypeMirror element = headerParameters.get(0).asType();
            Optional<TypeMirror> listElement = method.getParameters().isEmpty()
                    ? Optional.empty()
                    : listElement(method.getParameters().get(0).asType());
            if (listElement.isEmpty()) {
                String problem = method.getParameters().isEmpty()
                        ? "it has no parameters"
                        : "its first parameter '" + firstParameterName() + "' is " + article(firstParameterType());
                report.add(Message.CHORD_NO_LIST_PARAMETER, method, annotation.mirror(), headerReference.value(),
                        header.taskName(), description, problem, TypeDisplay.of(box(element)));
                return Optional.empty();
            }
            fits(listElement.get(), element).ifPresent(problem -> report.add(Message.CHORD_HEADER_INPUT, method,
                    annotation.mirror(), headerReference.value(), header.taskName(), description,
                    firstParameterName(), firstParameterType(), "its first parameter '"
                            + headerParameters.get(0).getSimpleName() + "' is " + article(TypeDisplay.of(element))
                            + ", and each element is " + article(TypeDisplay.of(listElement.get())) + ": "
                            + problem));
            used.add(firstParameterName());
            headerArguments.add(new WorkflowPlan.Element(firstParameterName()));
            headerArguments.addAll(bind(header, 1, "the header", headerReference));

            List<Argument> callbackArguments = new ArrayList<>();
            if (headerUsable) {
                TypeMirror result = box(header.method().getReturnType());
                String expected = "List<" + TypeDisplay.of(result) + ">";
                List<? extends VariableElement> parameters = callback.method().getParameters();
                String problem = null;
                if (parameters.isEmpty()) {
                    problem = "it takes no parameters";
                } else if (!isListOf(parameters.get(0).asType(), result)) {
                    problem = "its first parameter '" + parameters.get(0).getSimpleName() + "' is "
                            + article(TypeDisplay.of(parameters.get(0).asType()));
                }
                if (problem != null) {
                    report.add(Message.CHORD_CALLBACK_INPUT, method, annotation.mirror(), callbackReference.value(),
                            callback.taskName(), description, expected, problem
                                    + ". Declare it as " + expected + ", in which header result i is element i");
                }
                callbackArguments.add(new WorkflowPlan.Fed());
                callbackArguments.addAll(bind(callback, 1, "the callback", callbackReference));
            }
            return finish(Shape.LIST_CHORD, List.of(new Step(header, headerArguments)),
                    Optional.of(new Step(callback, callbackArguments)), callback);
        }

        private Optional<WorkflowPlan> memberChord(Reference callbackReference) {
            List<Reference> references = annotation.steps();
            if (references.size() < 2) {
                report.add(Message.CHORD_TOO_FEW_MEMBERS, method, annotation.mirror(), annotation.stepsValue(),
                        description, "one member",
                        "Add the tasks that run beside it, or use @Chain for one task and its callback.");
            }
            List<Reference> all = new ArrayList<>(references);
            all.add(callbackReference);
            List<Resolved> tasks = resolveAll(all, "Chord");
            if (tasks == null || references.size() < 2) {
                return Optional.empty();
            }
            Resolved callback = tasks.get(tasks.size() - 1);
            List<Step> members = new ArrayList<>();
            List<TypeMirror> results = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                Resolved member = tasks.get(i);
                TypeMirror result = member.method().getReturnType();
                if (result.getKind() == TypeKind.VOID) {
                    report.add(Message.CHORD_VOID_MEMBER, method, annotation.mirror(), references.get(i).value(),
                            "member", member.taskName(), description);
                }
                results.add(result);
                members.add(new Step(member, bind(member, 0, "member " + (i + 1), references.get(i))));
            }
            String expected = results.stream().map(TypeDisplay::of).collect(Collectors.joining(", "));
            List<? extends VariableElement> parameters = callback.method().getParameters();
            String problem = null;
            if (parameters.size() < results.size()) {
                problem = "it takes " + count(parameters.size(), "parameter") + " for " + count(results.size(), "member");
            } else {
                for (int i = 0; i < results.size() && problem == null; i++) {
                    TypeMirror parameter = parameters.get(i).asType();
                    if (results.get(i).getKind() == TypeKind.VOID) {
                        continue;
                    }
                    Optional<String> misfit = fits(results.get(i), parameter);
                    if (misfit.isPresent()) {
                        problem = "its parameter " + (i + 1) + " '" + parameters.get(i).getSimpleName() + "' is "
                                + article(TypeDisplay.of(parameter)) + ", and member " + (i + 1) + " "
                                + tasks.get(i).taskName() + " returns " + TypeDisplay.of(results.get(i)) + ": "
                                + misfit.get();
                    }
                }
            }
            List<Argument> callbackArguments = new ArrayList<>();
            if (problem != null) {
                report.add(Message.CHORD_CALLBACK_INPUTS, method, annotation.mirror(), callbackReference.value(),
                        callback.taskName(), description, expected, problem);
            } else {
                for (int i = 0; i < results.size(); i++) {
                    callbackArguments.add(new WorkflowPlan.MemberResult(i));
                }
                callbackArguments.addAll(bind(callback, results.size(), "the callback", callbackReference));
            }
            return finish(Shape.MEMBER_CHORD, members, Optional.of(new Step(callback, callbackArguments)), callback);
        }

        private Optional<WorkflowPlan> finish(Shape shape, List<Step> steps, Optional<Step> callback, Resolved last) {
            TypeMirror result = box(last.method().getReturnType());
            if (result.getKind() == TypeKind.VOID) {
                result = elements.getTypeElement("java.lang.Void").asType();
            }
            if (!returnsJobOf(result)) {
                report.add(Message.WORKFLOW_RETURN_TYPE, method, description,
                        TypeDisplay.of(method.getReturnType()), last.taskName(),
                        TypeDisplay.of(last.method().getReturnType()), "Job<" + TypeDisplay.of(result) + ">");
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
            return Optional.of(new WorkflowPlan(method, shape, steps, callback, result));
        }

        /** The tasks for the references, or {@code null} if one is not found (reported or deferred). */
        private List<Resolved> resolveAll(List<Reference> references, String what) {
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
            Resolution resolution = resolver.resolve(reference.name(), pkg);
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
            Optional<TaskIndex.Status> status = index.status(owner);
            if (status.isPresent()) {
                if (status.get() == TaskIndex.Status.DEFERRED || MissingTypes.any(task.method())) {
                    context.deferred = true;
                    context.generate = false;
                    return Optional.empty();
                }
                if (status.get() == TaskIndex.Status.FAILED) {
                    // Its own errors are reported; check the workflow, but write nothing.
                    context.generate = false;
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
        private List<Argument> bind(Resolved task, int from, String label, Reference reference) {
            List<Argument> arguments = new ArrayList<>();
            List<? extends VariableElement> parameters = task.method().getParameters();
            boolean unnamed = !parameters.isEmpty() && hasSyntheticNames(task.method());
            for (int i = from; i < parameters.size(); i++) {
                VariableElement parameter = parameters.get(i);
                TypeMirror type = parameter.asType();
                String name = parameter.getSimpleName().toString();
                if (unnamed) {
                    List<VariableElement> candidates = method.getParameters().stream()
                            .filter(candidate -> fits(candidate.asType(), type).isEmpty())
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
                Optional<String> misfit = fits(source.asType(), type);
                if (misfit.isPresent()) {
                    report.add(Message.WORKFLOW_PARAMETER_TYPE, method, annotation.mirror(), reference.value(),
                            name, task.taskName(), label, description, TypeDisplay.of(type), name,
                            TypeDisplay.of(source.asType()), capitalize(misfit.get()) + ".");
                    continue;
                }
                used.add(name);
                arguments.add(new WorkflowPlan.FromParameter(name));
            }
            return arguments;
        }

        private String firstParameterName() {
            return method.getParameters().get(0).getSimpleName().toString();
        }

        private String firstParameterType() {
            return TypeDisplay.of(method.getParameters().get(0).asType());
        }

        private boolean returnsJobOf(TypeMirror result) {
            TypeMirror returned = method.getReturnType();
            if (!(returned instanceof DeclaredType declared)
                    || !JOBS.contains(((TypeElement) declared.asElement()).getQualifiedName().toString())
                    || declared.getTypeArguments().size() != 1) {
                return false;
            }
            return types.isSameType(declared.getTypeArguments().get(0), result);
        }
    }

    /**
     * Why a value of type {@code source} cannot fill a parameter of type {@code target}; empty if
     * it can: the same type, or a primitive into its box.
     */
    Optional<String> fits(TypeMirror source, TypeMirror target) {
        if (types.isSameType(source, target)) {
            return Optional.empty();
        }
        if (source.getKind().isPrimitive() && !target.getKind().isPrimitive()
                && types.isSameType(types.boxedClass((PrimitiveType) source).asType(), target)) {
            return Optional.empty();
        }
        if (target.getKind().isPrimitive() && !source.getKind().isPrimitive()
                && types.isSameType(box(target), source)) {
            return Optional.of("a null " + TypeDisplay.of(source) + " cannot become " + article(TypeDisplay.of(target))
                    + "; declare the parameter as " + TypeDisplay.of(source));
        }
        if (types.isAssignable(source, target)) {
            return Optional.of("Spool needs the same type: JSON is decoded to the declared "
                    + TypeDisplay.of(target) + ", so the value would not arrive as " + article(TypeDisplay.of(source)));
        }
        return Optional.of(article(TypeDisplay.of(source)) + " is not " + article(TypeDisplay.of(target)));
    }

    /** The qualified name of the stub generated for {@code owner}, e.g. {@code com.example.ThumbnailsTasks}. */
    private static String stubName(TypeElement owner) {
        return GeneratedNames.stub(ClassName.get(owner)).canonicalName();
    }

    /** Whether the owner's stub, from the class path, has the task's descriptor constant. */
    private boolean stubHasConstant(Resolved task) {
        TypeElement stub = elements.getTypeElement(stubName(task.owner()));
        return stub != null && ElementFilter.fieldsIn(stub.getEnclosedElements()).stream()
                .anyMatch(field -> field.getSimpleName().contentEquals(task.constant()));
    }

    /** The box of a primitive type; any other type itself. */
    private TypeMirror box(TypeMirror type) {
        return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
    }

    private Optional<TypeMirror> listElement(TypeMirror type) {
        if (type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(LIST)
                && declared.getTypeArguments().size() == 1
                && declared.getTypeArguments().get(0).getKind() == TypeKind.DECLARED) {
            return Optional.of(declared.getTypeArguments().get(0));
        }
        return Optional.empty();
    }

    private boolean isListOf(TypeMirror type, TypeMirror element) {
        return listElement(type).map(actual -> types.isSameType(actual, element)).orElse(false);
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

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code a String}, {@code an ImageRef}, {@code an int}. */
    static String article(String type) {
        return ("AEIOUaeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    /** {@code Albums.renderAndShip(ImageRef, int, String)}: how messages name a workflow method. */
    public static String describe(ExecutableElement method) {
        return TaskValidator.describe(method);
    }
}
