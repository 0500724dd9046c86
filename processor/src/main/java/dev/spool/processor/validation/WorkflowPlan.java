package dev.spool.processor.validation;

import dev.spool.processor.model.NestModel;
import dev.spool.processor.validation.TaskResolver.Resolved;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * What validation learned about one workflow method, for building its model: the resolved tasks
 * and where each of their arguments comes from. Only produced for a method without errors.
 *
 * @param method the workflow method
 * @param shape chain, chord over a list, or chord of members
 * @param steps the chain's steps; the chord's header (one) or members
 * @param callback the chord's callback
 * @param result the final step's result type, boxed ({@code Void} for {@code void})
 * @param onFailure the error handler; its first argument is the failure ({@link Fed})
 * @param nest for a workflow that refers to other workflow methods, its whole shape as one DAG
 */
public record WorkflowPlan(
        ExecutableElement method, Shape shape, List<Step> steps, Optional<Step> callback, TypeMirror result,
        Optional<Step> onFailure, Optional<NestModel> nest) {

    public WorkflowPlan {
        Objects.requireNonNull(method, "method");
        steps = List.copyOf(steps);
    }

    /** A plan of one level. */
    public WorkflowPlan(ExecutableElement method, Shape shape, List<Step> steps, Optional<Step> callback,
            TypeMirror result, Optional<Step> onFailure) {
        this(method, shape, steps, callback, result, onFailure, Optional.empty());
    }

    /** This plan with its flattened nested shape. */
    WorkflowPlan withNest(NestModel nest) {
        return new WorkflowPlan(method, shape, steps, callback, result, onFailure, Optional.of(nest));
    }

    /** The three kinds of workflow. */
    public enum Shape {
        CHAIN,
        LIST_CHORD,
        MEMBER_CHORD
    }

    /**
     * One task of the workflow and its arguments, one per task parameter.
     *
     * @param task the task
     * @param arguments where each argument comes from
     */
    public record Step(Resolved task, List<Argument> arguments) {
        public Step {
            arguments = List.copyOf(arguments);
        }
    }

    /** Where one argument of a step comes from. */
    public sealed interface Argument {}

    /** The workflow method's parameter of this name. */
    public record FromParameter(String name) implements Argument {}

    /** The previous step's result (chain), or all header results as a list (list chord callback). */
    public record Fed() implements Argument {}

    /** One element of the workflow's list parameter (list chord header). */
    public record Element(String listParameter) implements Argument {}

    /** The result of member {@code index} (member chord callback). */
    public record MemberResult(int index) implements Argument {}
}
