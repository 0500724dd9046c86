package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A nested workflow flattened to the jobs of one {@code dev.spool.workflow.Dag}, in the order the
 * generated code adds them: each chain, chord and workflow-method reference expanded in place, a
 * chord over a list as a loop. Jobs wait for the jobs that feed them (the same join for every
 * level), and the whole shape is started in one call.
 *
 * @param items the jobs and loops, in order
 * @param result the id of the job whose result the workflow gives
 */
public record NestModel(List<Item> items, int result) {

    public NestModel {
        items = List.copyOf(items);
    }

    /** A job or a loop. */
    public sealed interface Item {}

    /**
     * One job.
     *
     * @param id unique in the model
     * @param taskName the task's name
     * @param stub the stub holding its descriptor
     * @param constant the descriptor constant
     * @param result its result type, boxed
     * @param feed the jobs it waits for and how their results become its first arguments; empty
     *     for a job that runs at once
     * @param arguments its other arguments, in order
     */
    public record Job(int id, String taskName, ClassName stub, String constant, TypeName result, Optional<Feed> feed,
            List<Value> arguments) implements Item {

        public Job {
            Objects.requireNonNull(stub, "stub");
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A chord's header over a list: {@code body} once per element, collecting job {@code exit} of
     * each pass into the list {@code id}.
     *
     * @param id unique in the model; also the id of the collected list
     * @param list the list iterated
     * @param element the element type
     * @param body the jobs of one pass
     * @param exit the job of one pass whose ref is collected
     * @param exitResult its result type
     */
    public record Loop(int id, Value list, TypeName element, List<Item> body, int exit, TypeName exitResult)
            implements Item {

        public Loop {
            body = List.copyOf(body);
        }
    }

    /** How a job's inputs become arguments (see {@code Dag.after}, {@code afterAll}, {@code afterDone}). */
    public enum Mode {
        /** One argument per input, in order. */
        SPREAD,
        /** One {@code List} of all inputs, in order. */
        LIST,
        /** None: the job only waits. */
        NONE
    }

    /**
     * The inputs of a waiting job.
     *
     * @param mode how they become arguments
     * @param jobs the jobs, for inputs that are single jobs
     * @param loop the loop whose collected jobs are the inputs, or -1
     * @param whenEmpty with a loop: what to wait for instead when its list is empty (the job then
     *     takes an empty list in LIST mode); empty: run at once
     */
    public record Feed(Mode mode, List<Integer> jobs, int loop, Optional<Feed> whenEmpty) {

        public Feed {
            jobs = List.copyOf(jobs);
        }

        /** The same inputs, only waited for. */
        public Feed waitOnly() {
            return new Feed(Mode.NONE, jobs, loop, whenEmpty);
        }

        /** How many leading arguments the inputs fill. */
        public int values() {
            return switch (mode) {
                case SPREAD -> loop >= 0 ? 1 : jobs.size();
                case LIST -> 1;
                case NONE -> 0;
            };
        }
    }

    /**
     * An argument known when the workflow starts: a parameter of the workflow method, or the
     * current element of a loop.
     *
     * @param parameter the parameter's name, or {@code null}
     * @param loop the loop whose element it is, or -1
     * @param type its type
     */
    public record Value(String parameter, int loop, TypeName type) {

        public static Value parameter(String name, TypeName type) {
            return new Value(name, -1, type);
        }

        public static Value element(int loop, TypeName type) {
            return new Value(null, loop, type);
        }
    }
}
