package dev.spool.processor.validation;

import dev.spool.processor.validation.TaskResolver.Resolved;
import dev.spool.processor.validation.WorkflowAnnotation.Reference;
import dev.spool.processor.validation.WorkflowPlan.Argument;
import dev.spool.processor.validation.WorkflowPlan.Shape;
import dev.spool.processor.validation.WorkflowPlan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The rules of one {@code @Chord} method: a header fanned out over the method's first parameter,
 * a list, or two or more members side by side; and a callback that takes their results.
 */
final class ChordCheck extends MethodCheck {

    ChordCheck(Tools tools, TypeElement type, ExecutableElement method, WorkflowAnnotation annotation,
            ValidationReport report, Flags flags) {
        super(tools, type, method, annotation, report, flags);
    }

    @Override
    Optional<WorkflowPlan> check() {
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
        List<Resolved> tasks = resolveAll(List.of(headerReference, callbackReference));
        if (tasks == null) {
            return Optional.empty();
        }
        Resolved header = tasks.get(0);
        Resolved callback = tasks.get(1);
        List<Argument> headerArguments = new ArrayList<>();
        boolean headerUsable = true;
        if (header.result().getKind() == TypeKind.VOID) {
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
        // The broadcast form: a first parameter that is not a list goes to every header job first.
        boolean broadcast = method.getParameters().size() >= 2
                && fits.listElement(method.getParameters().get(0).asType()).isEmpty()
                && fits.listElement(method.getParameters().get(1).asType()).isPresent();
        if (broadcast) {
            return broadcastChord(header, headerReference, callback, callbackReference, headerUsable);
        }
        TypeMirror element = headerParameters.get(0).asType();
        Optional<TypeMirror> listElement = method.getParameters().isEmpty()
                ? Optional.empty()
                : fits.listElement(method.getParameters().get(0).asType());
        if (listElement.isEmpty()) {
            String problem = method.getParameters().isEmpty()
                    ? "it has no parameters"
                    : "its first parameter '" + firstParameterName() + "' is " + TypeFits.article(firstParameterType());
            report.add(Message.CHORD_NO_LIST_PARAMETER, method, annotation.mirror(), headerReference.value(),
                    header.taskName(), description, problem, TypeDisplay.of(fits.box(element)));
            return Optional.empty();
        }
        fits.fits(listElement.get(), element).ifPresent(problem -> report.add(Message.CHORD_HEADER_INPUT, method,
                annotation.mirror(), headerReference.value(), header.taskName(), description,
                firstParameterName(), firstParameterType(), "its first parameter '"
                        + headerParameters.get(0).getSimpleName() + "' is " + TypeFits.article(TypeDisplay.of(element))
                        + ", and each element is " + TypeFits.article(TypeDisplay.of(listElement.get())) + ": "
                        + problem));
        use(firstParameterName());
        headerArguments.add(new WorkflowPlan.Element(firstParameterName()));
        headerArguments.addAll(bind(header, 1, "the header", headerReference));
        return listCallback(header, headerArguments, callback, callbackReference, headerUsable);
    }

    /**
     * {@code m(T value, List<E> items, ...)}: each header job takes {@code value} first, then one
     * element; this is also how a list chord takes the previous step's result when it is a step.
     */
    private Optional<WorkflowPlan> broadcastChord(Resolved header, Reference headerReference, Resolved callback,
            Reference callbackReference, boolean headerUsable) {
        VariableElement value = method.getParameters().get(0);
        VariableElement list = method.getParameters().get(1);
        TypeMirror element = fits.listElement(list.asType()).orElseThrow();
        List<? extends VariableElement> headerParameters = header.method().getParameters();
        String listName = list.getSimpleName().toString();
        String problem = null;
        if (headerParameters.size() < 2) {
            problem = "it takes " + TypeFits.count(headerParameters.size(), "parameter") + ", but the broadcast form"
                    + " gives it '" + value.getSimpleName() + "' first and one element second";
        } else {
            Optional<String> first = fits.fits(value.asType(), headerParameters.get(0).asType());
            Optional<String> second = fits.fits(element, headerParameters.get(1).asType());
            if (first.isPresent()) {
                problem = "its first parameter '" + headerParameters.get(0).getSimpleName() + "' takes '"
                        + value.getSimpleName() + "', and " + first.get();
            } else if (second.isPresent()) {
                problem = "its second parameter '" + headerParameters.get(1).getSimpleName() + "' takes one element,"
                        + " and " + second.get();
            }
        }
        if (problem != null) {
            report.add(Message.CHORD_HEADER_INPUT, method, annotation.mirror(), headerReference.value(),
                    header.taskName(), description, listName, TypeDisplay.of(list.asType()), problem);
            return Optional.empty();
        }
        use(value.getSimpleName().toString());
        use(listName);
        List<Argument> headerArguments = new ArrayList<>();
        headerArguments.add(new WorkflowPlan.FromParameter(value.getSimpleName().toString()));
        headerArguments.add(new WorkflowPlan.Element(listName));
        headerArguments.addAll(bind(header, 2, "the header", headerReference));
        return listCallback(header, headerArguments, callback, callbackReference, headerUsable);
    }

    private Optional<WorkflowPlan> listCallback(Resolved header, List<Argument> headerArguments, Resolved callback,
            Reference callbackReference, boolean headerUsable) {
        List<Argument> callbackArguments = new ArrayList<>();
        if (headerUsable) {
            TypeMirror result = fits.box(header.result());
            String expected = "List<" + TypeDisplay.of(result) + ">";
            List<? extends VariableElement> parameters = callback.method().getParameters();
            String problem = null;
            if (parameters.isEmpty()) {
                problem = "it takes no parameters";
            } else if (!fits.isListOf(parameters.get(0).asType(), result)) {
                problem = "its first parameter '" + parameters.get(0).getSimpleName() + "' is "
                        + TypeFits.article(TypeDisplay.of(parameters.get(0).asType()));
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
        List<Resolved> tasks = resolveAll(all);
        if (tasks == null || references.size() < 2) {
            return Optional.empty();
        }
        Resolved callback = tasks.get(tasks.size() - 1);
        List<Step> members = new ArrayList<>();
        List<TypeMirror> results = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            Resolved member = tasks.get(i);
            TypeMirror result = member.result();
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
            problem = "it takes " + TypeFits.count(parameters.size(), "parameter") + " for " + TypeFits.count(results.size(), "member");
        } else {
            for (int i = 0; i < results.size() && problem == null; i++) {
                TypeMirror parameter = parameters.get(i).asType();
                if (results.get(i).getKind() == TypeKind.VOID) {
                    continue;
                }
                Optional<String> misfit = fits.fits(results.get(i), parameter);
                if (misfit.isPresent()) {
                    problem = "its parameter " + (i + 1) + " '" + parameters.get(i).getSimpleName() + "' is "
                            + TypeFits.article(TypeDisplay.of(parameter)) + ", and member " + (i + 1) + " "
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
}
