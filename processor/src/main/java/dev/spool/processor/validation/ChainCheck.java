package dev.spool.processor.validation;

import dev.spool.processor.validation.TaskResolver.Resolved;
import dev.spool.processor.validation.WorkflowAnnotation.Reference;
import dev.spool.processor.validation.WorkflowPlan.Argument;
import dev.spool.processor.validation.WorkflowPlan.Shape;
import dev.spool.processor.validation.WorkflowPlan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The rules of one {@code @Chain} method: two or more steps, each result fitting the next step's
 * first parameter. A step after one that returns {@code void} takes no input from it: it waits for
 * it, and all its parameters bind by name.
 */
final class ChainCheck extends MethodCheck {

    ChainCheck(Tools tools, TypeElement type, ExecutableElement method, WorkflowAnnotation annotation,
            ValidationReport report, Flags flags) {
        super(tools, type, method, annotation, report, flags);
    }

    @Override
    Optional<WorkflowPlan> check() {
        List<Reference> references = annotation.steps();
        if (references.size() < 2) {
            report.add(Message.CHAIN_TOO_SHORT, method, annotation.mirror(), annotation.stepsValue(),
                    description, references.isEmpty() ? "no steps" : "one step",
                    references.isEmpty()
                            ? "List the task names in order."
                            : "Call the task's stub directly, or add the steps that follow it.");
        }
        List<Resolved> tasks = resolveAll(references);
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
            TypeMirror fed = previous.result();
            if (fed.getKind() == TypeKind.VOID) {
                // Nothing to pass on: the step waits for the previous one and binds all its parameters.
                steps.add(new Step(task, bind(task, 0, label, reference)));
                continue;
            }
            List<? extends VariableElement> parameters = task.method().getParameters();
            if (parameters.isEmpty()) {
                stepInput(k, task, previous, reference, "it takes no parameters, so that result would be lost."
                        + " Give " + task.taskName() + " a first parameter of type " + TypeDisplay.of(fed)
                        + ", or put a step between them");
            } else {
                TypeMirror input = parameters.get(0).asType();
                Optional<String> problem = fits.fits(fed, input);
                if (problem.isPresent()) {
                    stepInput(k, task, previous, reference, "its first parameter '" + parameters.get(0).getSimpleName()
                            + "' is " + TypeFits.article(TypeDisplay.of(input)) + ", and " + problem.get());
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
                        + TypeDisplay.of(previous.result()), reason);
    }
}
