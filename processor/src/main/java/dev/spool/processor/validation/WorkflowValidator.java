package dev.spool.processor.validation;

import dev.spool.processor.validation.WorkflowAnnotation.Kind;
import dev.spool.processor.model.NestModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the {@code @Chain} and {@code @Chord} methods of one type: that the type is an interface
 * Spool can implement, that every task reference resolves to exactly one task, that every task
 * parameter is bound (by name, or fed by the step before), and that every result fits the input it
 * feeds ({@link TypeFits}). This class checks the type and each method's annotation and
 * modifiers; {@link ChainCheck} and {@link ChordCheck} check a method's shape.
 */
public final class WorkflowValidator {


    private final Elements elements;
    private final Types types;
    private final MethodCheck.Tools tools;

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
        this.tools = new MethodCheck.Tools(elements, new TypeFits(types), new TaskResolver(elements, index), index);
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
        MethodCheck.Flags context = new MethodCheck.Flags();
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
        Map<ExecutableElement, WorkflowPlan> byMethod = new HashMap<>();
        plans.forEach(plan -> byMethod.put(plan.method(), plan));
        NestingCheck nesting = new NestingCheck(byMethod, tools.fits());
        for (int i = 0; i < plans.size(); i++) {
            WorkflowPlan plan = plans.get(i);
            boolean declaredHere = plan.method().getEnclosingElement().equals(type);
            ValidationReport target = declaredHere ? report : new ValidationReport();
            int before = target.items().size();
            Optional<NestModel> nest = nesting.check(plan, target);
            if (nest.isPresent()) {
                plans.set(i, plan.withNest(nest.get()));
            } else if (plan.steps().stream().anyMatch(step -> step.task().workflow())
                    || plan.callback().filter(step -> step.task().workflow()).isPresent()) {
                context.generate = false; // reported here, or at the referenced method
            }
            if (target.items().size() > before && !declaredHere) {
                context.generate = false;
            }
        }
        boolean generate = isInterface && context.generate && report.isClean() && plans.size() == methods.size();
        return new Result(report, context.deferred && !last, generate, plans);
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
            TypeElement type, ExecutableElement method, boolean isInterface, ValidationReport report, MethodCheck.Flags context) {
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
        MethodCheck check = kind == Kind.CHAIN
                ? new ChainCheck(tools, type, method, annotation, report, context)
                : new ChordCheck(tools, type, method, annotation, report, context);
        return check.check();
    }

    /** {@code Albums.renderAndShip(ImageRef, int, String)}: how messages name a workflow method. */
    public static String describe(ExecutableElement method) {
        return TaskValidator.describe(method);
    }
}
