package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow interface, as the writer needs it: the class to generate and one method per
 * {@code @Chain} or {@code @Chord}. Built only from a clean validation report.
 *
 * @param workflowInterface the annotated interface
 * @param implementation the generated class, e.g. {@code AlbumsWorkflows}
 * @param usesDeprecatedApi whether generated code refers to deprecated elements
 * @param methods the workflow methods: declared ones in source order, then inherited ones
 */
public record WorkflowModel(
        ClassName workflowInterface, ClassName implementation, boolean usesDeprecatedApi, List<Method> methods) {

    public WorkflowModel {
        Objects.requireNonNull(workflowInterface, "workflowInterface");
        Objects.requireNonNull(implementation, "implementation");
        methods = List.copyOf(methods);
    }

    /** The kinds of workflow. */
    public enum Shape {
        /** Steps one after another; {@code steps} are the chain. */
        CHAIN,
        /** One task per list element; {@code steps} holds the header. */
        LIST_CHORD,
        /** Different tasks side by side; {@code steps} are the members. */
        MEMBER_CHORD
    }

    /**
     * One workflow method.
     *
     * @param name the method's name
     * @param shape chain or chord
     * @param returnType the declared return type, e.g. {@code Job<Receipt>}
     * @param parameters the method's parameters
     * @param isVarargs whether the method takes variable arguments
     * @param steps the chain's steps, the chord's header, or its members
     * @param callback the chord's callback
     * @param onFailure the error handler, whose first argument is the failure
     * @param nest for a workflow that refers to other workflow methods, its whole shape as the jobs
     *     of one DAG; {@code steps} and {@code callback} then only describe the top level
     */
    public record Method(
            String name,
            Shape shape,
            TypeName returnType,
            List<TaskModel.ParameterModel> parameters,
            boolean isVarargs,
            List<Step> steps,
            Optional<Step> callback,
            Optional<Step> onFailure,
            Optional<NestModel> nest) {

        public Method {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(returnType, "returnType");
            parameters = List.copyOf(parameters);
            steps = List.copyOf(steps);
        }
    }

    /**
     * One task of a workflow.
     *
     * @param taskName the task's name
     * @param stub the stub that holds its descriptor, e.g. {@code ThumbnailsTasks}
     * @param constant the descriptor constant, e.g. {@code RENDER}
     * @param elementOf for a list chord's header: the list parameter whose elements fill an argument
     * @param elementPosition where the element goes among {@code bound}: 0 (first), or 1 after a
     *     broadcast value
     * @param bound the workflow parameters bound to the task's other parameters, in order (after
     *     the fed ones)
     * @param boundTypes their types
     */
    public record Step(
            String taskName,
            ClassName stub,
            String constant,
            Optional<String> elementOf,
            int elementPosition,
            List<String> bound,
            List<TypeName> boundTypes) {

        public Step {
            Objects.requireNonNull(taskName, "taskName");
            Objects.requireNonNull(stub, "stub");
            Objects.requireNonNull(constant, "constant");
            bound = List.copyOf(bound);
            boundTypes = List.copyOf(boundTypes);
        }
    }
}
