package dev.spool.processor.validation;

import dev.spool.processor.validation.TransportableTypes.Position;
import dev.spool.processor.validation.TransportableTypes.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one class and its {@code @Task} methods, collecting every problem into a {@link
 * ValidationReport}. It never stops at the first problem, so users see them all at once.
 */
public final class TaskValidator {

    /** The priority range (the runtime's {@code JobOptions.MIN_PRIORITY} and {@code MAX_PRIORITY}). */
    static final int MIN_PRIORITY = -5;
    static final int MAX_PRIORITY = 5;

    /** Constructor annotations that say a DI container supplies the instance (Spring's too, for the starter). */
    private static final List<String> INJECT = List.of("javax.inject.Inject", "jakarta.inject.Inject",
            "org.springframework.beans.factory.annotation.Autowired");

    private final Elements elements;
    private final Types types;
    private final TransportableTypes transportable;

    public TaskValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        this.transportable = new TransportableTypes(elements, types);
    }

    /** Validates {@code owner}'s task methods, claiming their names in {@code names}. */
    public ValidationReport validate(TypeElement owner, List<ExecutableElement> methods, TaskNameRegistry names) {
        ValidationReport report = new ValidationReport();
        boolean ownerUsable = validateOwner(owner, report);
        for (ExecutableElement method : methods) {
            validateMethod(method, report, names);
        }
        boolean hasInstanceTasks =
                methods.stream().anyMatch(method -> !method.getModifiers().contains(Modifier.STATIC));
        if (ownerUsable && hasInstanceTasks && construction(owner).isEmpty()) {
            report.add(owner.getKind() == ElementKind.ENUM ? Message.ENUM_OWNER : Message.NOT_INSTANTIABLE,
                    owner, TaskSettings.displayName(owner));
        }
        return report;
    }

    /**
     * How a worker gets an instance of {@code owner}: {@code true} for its no-arg constructor,
     * {@code false} for a {@code TaskInstanceProvider} (abstract, interface, or {@code @Inject}
     * constructor); empty if it cannot get one at all.
     */
    public static Optional<Boolean> construction(TypeElement owner) {
        if (owner.getKind().isInterface() || owner.getModifiers().contains(Modifier.ABSTRACT)) {
            return Optional.of(false);
        }
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(owner.getEnclosedElements());
        boolean noArg = owner.getKind() != ElementKind.ENUM
                && constructors.stream().anyMatch(constructor -> constructor.getParameters().isEmpty()
                        && !constructor.getModifiers().contains(Modifier.PRIVATE)
                        && constructor.getThrownTypes().stream().noneMatch(TaskValidator::isChecked));
        if (noArg) {
            return Optional.of(true);
        }
        boolean injectable = constructors.stream().anyMatch(constructor -> constructor.getAnnotationMirrors().stream()
                .anyMatch(mirror -> INJECT.contains(
                        ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString())));
        return injectable ? Optional.of(false) : Optional.empty();
    }

    private static boolean isChecked(TypeMirror thrown) {
        // Unchecked exceptions are RuntimeException and Error and their subclasses.
        for (TypeMirror type = thrown; type instanceof DeclaredType declared; ) {
            String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
            if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
                return false;
            }
            type = ((TypeElement) declared.asElement()).getSuperclass();
        }
        return true;
    }

    private boolean validateOwner(TypeElement owner, ValidationReport report) {
        String ownerName = TaskSettings.displayName(owner);
        for (Element type = owner; type instanceof TypeElement typeElement; type = type.getEnclosingElement()) {
            NestingKind nesting = typeElement.getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
                report.add(Message.LOCAL_CLASS, owner, nesting == NestingKind.LOCAL ? "a local" : "an anonymous");
                return false;
            }
        }
        for (Element type = owner; type instanceof TypeElement typeElement; type = type.getEnclosingElement()) {
            if (typeElement.getModifiers().contains(Modifier.PRIVATE)) {
                report.add(Message.PRIVATE_CLASS, owner, ownerName, TaskSettings.displayName(typeElement));
                return false;
            }
        }
        if (owner.getKind() == ElementKind.CLASS
                && owner.getNestingKind() == NestingKind.MEMBER
                && !owner.getModifiers().contains(Modifier.STATIC)) {
            report.add(Message.INNER_CLASS, owner, ownerName);
            return false;
        }
        if (!owner.getTypeParameters().isEmpty()) {
            report.add(Message.GENERIC_CLASS, owner, ownerName);
            return false;
        }
        return true;
    }

    private void validateMethod(ExecutableElement method, ValidationReport report, TaskNameRegistry names) {
        String description = describe(method);
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            report.add(Message.PRIVATE_METHOD, method, description);
        }
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            report.add(Message.ABSTRACT_METHOD, method, description);
        }
        if (!method.getTypeParameters().isEmpty()) {
            String typeParameters = method.getTypeParameters().stream()
                    .map(parameter -> parameter.getSimpleName().toString())
                    .collect(Collectors.joining(", ", "<", ">"));
            report.add(Message.GENERIC_METHOD, method, description, typeParameters);
        }
        clashWithObject(method).ifPresent(clash -> report.add(Message.OBJECT_METHOD_CLASH, method, description, clash));
        for (VariableElement parameter : method.getParameters()) {
            validateType(parameter.asType(), Position.PARAMETER, parameter, method,
                    "Parameter '" + parameter.getSimpleName() + "'", report);
        }
        validateType(method.getReturnType(), Position.RESULT, method, method, "The result", report);
        validateAnnotation(method, description, report, names);
        PeriodicCheck.check(method, description, elements, report);
        ConcurrencyKeyCheck.check(method, description, elements, report);
    }

    private void validateAnnotation(
            ExecutableElement method, String description, ValidationReport report, TaskNameRegistry names) {
        TaskAnnotation task = TaskAnnotation.read(method, elements);
        String name = task.nameText();
        Optional<String> nameProblem =
                task.nameExplicit() ? TaskSettings.nameProblem(name) : Optional.empty();
        if (nameProblem.isPresent()) {
            report.add(Message.INVALID_NAME, method, task.mirror(), task.name(),
                    name, description, nameProblem.get(), TaskSettings.defaultName(method));
        } else {
            String taskName = TaskSettings.taskName(method, task);
            String qualified = qualifiedDescription(method);
            names.claim(taskName, qualified).ifPresent(earlier -> report.add(
                    Message.DUPLICATE_NAME, method, task.mirror(), task.nameExplicit() ? task.name() : null,
                    taskName, qualified, earlier));
        }
        TaskSettings.queueProblem(task.queueText()).ifPresent(problem -> report.add(
                Message.INVALID_QUEUE, method, task.mirror(), task.queue(), task.queueText(), description, problem));
        if (task.retriesValue() < 0) {
            report.add(Message.NEGATIVE_RETRIES, method, task.mirror(), task.retries(),
                    description, task.retriesValue());
        }
        if (task.priorityValue() < MIN_PRIORITY || task.priorityValue() > MAX_PRIORITY) {
            report.add(Message.PRIORITY_INVALID, method, task.mirror(), task.priority().orElseThrow(),
                    task.priorityValue(), description);
        }
        String ownerPackage = elements.getPackageOf(method).getQualifiedName().toString();
        for (TypeMirror type : task.noRetryForTypes()) {
            TypeElement inaccessible = inaccessiblePart((TypeElement) ((DeclaredType) type).asElement(), ownerPackage);
            if (inaccessible != null) {
                report.add(Message.INACCESSIBLE_TYPE, method, task.mirror(), task.noRetryFor().orElseThrow(),
                        "noRetryFor", description, TypeDisplay.of(type), TaskSettings.displayName(inaccessible),
                        packageDisplay(ownerPackage));
            }
        }
        String timeout = task.timeoutText();
        if (!timeout.isEmpty()) {
            Optional<Duration> duration = TaskSettings.parseTimeout(timeout);
            if (duration.isEmpty()) {
                report.add(Message.INVALID_TIMEOUT, method, task.mirror(), task.timeout(), timeout, description);
            } else if (duration.get().isNegative() || duration.get().isZero()) {
                report.add(Message.NON_POSITIVE_TIMEOUT, method, task.mirror(), task.timeout(), timeout, description);
            }
        }
        String expires = task.expiresText();
        if (!expires.isEmpty()) {
            Optional<Duration> duration = TaskSettings.parseTimeout(expires);
            if (duration.isEmpty() || duration.get().isNegative() || duration.get().isZero()) {
                report.add(Message.INVALID_EXPIRES, method, task.mirror(), task.expires().orElseThrow(), expires, description);
            }
        }
        validateUnique(method, task, description, report);
    }

    private static void validateUnique(ExecutableElement method, TaskAnnotation task, String description,
            ValidationReport report) {
        String scope = task.uniqueName();
        String period = task.uniqueForText();
        if (scope.equals("FOR_PERIOD") && period.isEmpty()) {
            report.add(Message.UNIQUE_PERIOD_MISSING, method, task.mirror(), task.unique().orElse(null), description);
        } else if (!scope.equals("FOR_PERIOD") && !period.isEmpty()) {
            report.add(Message.UNIQUE_PERIOD_UNUSED, method, task.mirror(), task.uniqueFor().orElse(null), period,
                    description, scope);
        } else if (!period.isEmpty()) {
            Optional<Duration> duration = TaskSettings.parseTimeout(period);
            if (duration.isEmpty() || duration.get().isNegative() || duration.get().isZero()) {
                report.add(Message.UNIQUE_PERIOD_INVALID, method, task.mirror(), task.uniqueFor().orElse(null), period,
                        description);
            }
        }
    }

    private void validateType(
            TypeMirror type,
            Position position,
            Element element,
            ExecutableElement method,
            String what,
            ValidationReport report) {
        Optional<Problem> problem = transportable.check(type, position);
        if (problem.isPresent()) {
            String reason = problem.get().offender().equals(type)
                    ? problem.get().reason()
                    : "in " + TypeDisplay.of(type) + ", " + TypeDisplay.of(problem.get().offender()) + " fails: "
                            + problem.get().reason();
            report.add(Message.UNSUPPORTED_TYPE, element, what, describe(method), TypeDisplay.of(type), reason);
            return;
        }
        String ownerPackage = elements.getPackageOf(method).getQualifiedName().toString();
        for (DeclaredType declared : TransportableTypes.declaredTypesIn(type)) {
            TypeElement inaccessible = inaccessiblePart((TypeElement) declared.asElement(), ownerPackage);
            if (inaccessible != null) {
                report.add(Message.INACCESSIBLE_TYPE, element, what, describe(method), TypeDisplay.of(type),
                        TaskSettings.displayName(inaccessible),
                        packageDisplay(ownerPackage));
                return;
            }
        }
    }

    private static String packageDisplay(String pkg) {
        return pkg.isEmpty() ? "the unnamed package" : pkg;
    }

    /** The type, or the enclosing type, that code in {@code pkg} cannot refer to; {@code null} if none. */
    private TypeElement inaccessiblePart(TypeElement type, String pkg) {
        for (Element element = type;
                element instanceof TypeElement typeElement;
                element = element.getEnclosingElement()) {
            if (typeElement.getNestingKind() == NestingKind.LOCAL
                    || typeElement.getNestingKind() == NestingKind.ANONYMOUS
                    || typeElement.getModifiers().contains(Modifier.PRIVATE)) {
                return typeElement;
            }
            boolean samePackage = elements.getPackageOf(typeElement).getQualifiedName().contentEquals(pkg);
            if (!typeElement.getModifiers().contains(Modifier.PUBLIC) && !samePackage) {
                return typeElement;
            }
        }
        return null;
    }

    /** The {@code Object} method that a stub method for {@code method} would clash with, if any. */
    private Optional<String> clashWithObject(ExecutableElement method) {
        TypeElement object = elements.getTypeElement("java.lang.Object");
        return ElementFilter.methodsIn(object.getEnclosedElements()).stream()
                .filter(candidate -> !candidate.getModifiers().contains(Modifier.PRIVATE))
                .filter(candidate -> candidate.getSimpleName().equals(method.getSimpleName()))
                .filter(candidate -> sameErasedParameters(candidate, method))
                .map(candidate -> candidate.getSimpleName() + "(" + candidate.getParameters().stream()
                        .map(parameter -> TypeDisplay.of(parameter.asType()))
                        .collect(Collectors.joining(", ")) + ")")
                .findFirst();
    }

    private boolean sameErasedParameters(ExecutableElement a, ExecutableElement b) {
        if (a.getParameters().size() != b.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!types.isSameType(types.erasure(a.getParameters().get(i).asType()),
                    types.erasure(b.getParameters().get(i).asType()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code com.example.Thumbnails.render(ImageRef, int)}: how a message names a task method when
     * two classes of one simple name may be meant.
     */
    private String qualifiedDescription(ExecutableElement method) {
        String pkg = elements.getPackageOf(method).getQualifiedName().toString();
        return (pkg.isEmpty() ? "" : pkg + ".") + describe(method);
    }

    /** {@code Thumbnails.render(ImageRef, int)}: how messages name a task method. */
    public static String describe(ExecutableElement method) {
        return TaskSettings.defaultName(method) + method.getParameters().stream()
                .map(parameter -> TypeDisplay.of(parameter.asType()))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
