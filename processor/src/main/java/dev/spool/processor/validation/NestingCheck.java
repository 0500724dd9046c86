package dev.spool.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.spool.processor.model.GeneratedNames;
import dev.spool.processor.model.NestModel;
import dev.spool.processor.model.NestModel.Feed;
import dev.spool.processor.model.NestModel.Mode;
import dev.spool.processor.model.NestModel.Value;
import dev.spool.processor.model.TypeNames;
import dev.spool.processor.validation.WorkflowAnnotation.Kind;
import dev.spool.processor.validation.WorkflowAnnotation.Reference;
import dev.spool.processor.validation.WorkflowPlan.Argument;
import dev.spool.processor.validation.WorkflowPlan.Shape;
import dev.spool.processor.validation.WorkflowPlan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks a workflow that refers to other workflow methods ({@code "#name"}) across the whole nested
 * shape, and flattens it to the jobs of one DAG ({@link NestModel}). Each reference was checked at
 * its own place already, as a task with the workflow method's signature would be (see {@link
 * WorkflowRefs}); this adds what only the whole shape shows: a cycle of references, and where a
 * nested workflow's parameter is the result of another job, that only the jobs that start the
 * nested shape take it, as their first parameter (Spool passes a job's inputs as its first
 * arguments); a chord cannot fan out over such a parameter. Problems are reported at the
 * reference, in the checked method's annotation, through which the nested part is reached; a
 * nested method whose own shape has problems is reported once, at its own annotation.
 */
final class NestingCheck {

    private final Map<ExecutableElement, WorkflowPlan> plans;
    private final TypeFits fits;

    /** Whether a nested method's own shape cannot be built, by method. */
    private final Map<ExecutableElement, Boolean> failed = new HashMap<>();

    NestingCheck(Map<ExecutableElement, WorkflowPlan> plans, TypeFits fits) {
        this.plans = plans;
        this.fits = fits;
    }

    /** Where a value of a nested workflow's parameter comes from. */
    private sealed interface Source {}

    /** Known at start. */
    private record Known(Value value) implements Source {}

    /** Input {@code index} of the feed the nested workflow is started after. */
    private record Fed(int index, String parameter, String workflow) implements Source {}

    /** Input {@code index} of the feed of the call being made (a later chain step, a callback). */
    private record Local(int index) implements Source {}

    /** Unwinds an expansion after its problem was reported. */
    private static final class Broken extends RuntimeException {
        Broken() {
            super(null, null, false, false);
        }
    }

    /**
     * The flattened shape of {@code plan}, or empty if it refers to no workflow method, or it cannot
     * be built (problems reported to {@code report}; none if a referenced method has errors of its own).
     */
    Optional<NestModel> check(WorkflowPlan plan, ValidationReport report) {
        ExecutableElement method = plan.method();
        WorkflowAnnotation annotation = annotationOf(method);
        List<Optional<Reference>> references = references(plan, annotation);
        List<Step> steps = steps(plan);
        boolean nested = steps.stream().anyMatch(step -> step.task().workflow());
        if (!nested) {
            return Optional.empty();
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!step.task().workflow()) {
                continue;
            }
            ExecutableElement target = step.task().method();
            Optional<List<ExecutableElement>> path = pathTo(target, method, new HashSet<>());
            if (path == null) {
                return Optional.empty(); // reaches a method with errors of its own
            }
            if (path.isPresent()) {
                List<String> names = new ArrayList<>();
                names.add(method.getSimpleName().toString());
                path.get().forEach(m -> names.add("#" + m.getSimpleName()));
                report.add(Message.WORKFLOW_CYCLE, method, annotation.mirror(), references.get(i).map(Reference::value)
                        .orElse(null), "@" + annotation.kind().simpleName(), WorkflowValidator.describe(method),
                        step.task().taskName(), String.join(" -> ", names));
                return Optional.empty();
            }
            if (reachesCycle(target, new HashSet<>(), new ArrayDeque<>())) {
                return Optional.empty(); // reported at the methods on the cycle
            }
            if (fails(target)) {
                return Optional.empty(); // reported once, at the nested method itself
            }
        }
        Expansion expansion = new Expansion(method, annotation, report);
        try {
            Map<String, Source> env = new HashMap<>();
            for (VariableElement parameter : method.getParameters()) {
                String name = parameter.getSimpleName().toString();
                env.put(name, new Known(Value.parameter(name, TypeNames.of(parameter.asType()))));
            }
            List<NestModel.Item> items = new ArrayList<>();
            int result = expansion.expand(plan, env, null, items, references);
            return Optional.of(new NestModel(items, result));
        } catch (Broken e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code method} refers to workflow methods and its own shape cannot be built; its
     * problems are reported when it is checked itself, not again at each method that nests it.
     */
    private boolean fails(ExecutableElement method) {
        Boolean known = failed.get(method);
        if (known == null) {
            WorkflowPlan plan = plans.get(method);
            known = plan != null && steps(plan).stream().anyMatch(step -> step.task().workflow())
                    && check(plan, new ValidationReport()).isEmpty();
            failed.put(method, known);
        }
        return known;
    }

    /**
     * The references from {@code from} that lead back to {@code goal} (empty if none); {@code null}
     * if a method on the way has no plan (errors of its own).
     */
    private Optional<List<ExecutableElement>> pathTo(ExecutableElement from, ExecutableElement goal,
            Set<ExecutableElement> seen) {
        if (from.equals(goal)) {
            return Optional.of(new ArrayList<>(List.of(from)));
        }
        if (!seen.add(from)) {
            return Optional.empty();
        }
        WorkflowPlan plan = plans.get(from);
        if (plan == null) {
            return null;
        }
        for (Step step : steps(plan)) {
            if (step.task().workflow()) {
                Optional<List<ExecutableElement>> rest = pathTo(step.task().method(), goal, seen);
                if (rest == null) {
                    return null;
                }
                if (rest.isPresent()) {
                    rest.get().add(0, from);
                    return rest;
                }
            }
        }
        return Optional.empty();
    }

    private boolean reachesCycle(ExecutableElement from, Set<ExecutableElement> done, Deque<ExecutableElement> stack) {
        if (stack.contains(from)) {
            return true;
        }
        if (!done.add(from) || plans.get(from) == null) {
            return false;
        }
        stack.push(from);
        for (Step step : steps(plans.get(from))) {
            if (step.task().workflow() && reachesCycle(step.task().method(), done, stack)) {
                return true;
            }
        }
        stack.pop();
        return false;
    }

    /** The plan's steps in annotation order: chain steps, or header or members, then the callback. */
    private static List<Step> steps(WorkflowPlan plan) {
        List<Step> steps = new ArrayList<>(plan.steps());
        plan.callback().ifPresent(steps::add);
        return steps;
    }

    private static WorkflowAnnotation annotationOf(ExecutableElement method) {
        Kind kind = WorkflowAnnotation.mirrorOn(method, Kind.CHAIN).isPresent() ? Kind.CHAIN : Kind.CHORD;
        return WorkflowAnnotation.read(method, kind);
    }

    /** The annotation value of each of {@link #steps}, to report at. */
    private static List<Optional<Reference>> references(WorkflowPlan plan, WorkflowAnnotation annotation) {
        List<Optional<Reference>> references = new ArrayList<>();
        if (plan.shape() == Shape.LIST_CHORD) {
            references.add(annotation.header());
        } else {
            annotation.steps().forEach(reference -> references.add(Optional.of(reference)));
        }
        if (plan.callback().isPresent()) {
            references.add(annotation.callback());
        }
        return references;
    }

    /** One flattening of a top-level workflow method. */
    private final class Expansion {
        private final ExecutableElement top;
        private final WorkflowAnnotation annotation;
        private final ValidationReport report;
        private Optional<Reference> at = Optional.empty();
        private int next;

        Expansion(ExecutableElement top, WorkflowAnnotation annotation, ValidationReport report) {
            this.top = top;
            this.annotation = annotation;
            this.report = report;
        }

        /**
         * Adds the jobs of {@code plan} to {@code out}, its parameters' values given by {@code env},
         * its first jobs waiting for {@code after}; returns the id of its last job.
         *
         * @param references for the top-level plan, where to report; {@code null} when nested
         */
        int expand(WorkflowPlan plan, Map<String, Source> env, Feed after, List<NestModel.Item> out,
                List<Optional<Reference>> references) {
            List<Step> steps = steps(plan);
            switch (plan.shape()) {
                case CHAIN -> {
                    enter(references, 0);
                    int exit = call(steps.get(0), sources(steps.get(0), env, -1), after, true, out);
                    for (int k = 1; k < steps.size(); k++) {
                        enter(references, k);
                        boolean afterVoid = steps.get(k - 1).task().result().getKind() == TypeKind.VOID;
                        Feed feed = new Feed(afterVoid ? Mode.NONE : Mode.SPREAD, List.of(exit), -1, Optional.empty());
                        exit = call(steps.get(k), sources(steps.get(k), env, -1), feed, false, out);
                    }
                    return exit;
                }
                case MEMBER_CHORD -> {
                    List<Integer> exits = new ArrayList<>();
                    for (int k = 0; k < plan.steps().size(); k++) {
                        enter(references, k);
                        exits.add(call(steps.get(k), sources(steps.get(k), env, -1), after, true, out));
                    }
                    enter(references, steps.size() - 1);
                    Step callback = steps.get(steps.size() - 1);
                    return call(callback, sources(callback, env, -1), new Feed(Mode.SPREAD, exits, -1, Optional.empty()),
                            false, out);
                }
                case LIST_CHORD -> {
                    enter(references, 0);
                    Step header = steps.get(0);
                    String list = header.arguments().stream()
                            .filter(WorkflowPlan.Element.class::isInstance)
                            .map(argument -> ((WorkflowPlan.Element) argument).listParameter())
                            .findFirst().orElseThrow();
                    Source listSource = env.get(list);
                    if (!(listSource instanceof Known known)) {
                        fail(Message.WORKFLOW_DYNAMIC_FAN_OUT, "#" + plan.method().getSimpleName(), list,
                                "#" + plan.method().getSimpleName());
                        throw new Broken();
                    }
                    VariableElement parameter = plan.method().getParameters().stream()
                            .filter(p -> p.getSimpleName().contentEquals(list)).findFirst().orElseThrow();
                    TypeName element = TypeNames.of(fits.listElement(parameter.asType()).orElseThrow());
                    int loop = next++;
                    List<NestModel.Item> body = new ArrayList<>();
                    int exit = call(header, sources(header, env, loop, element), after, true, body);
                    out.add(new NestModel.Loop(loop, known.value(), element, body, exit,
                            TypeNames.of(fits.box(header.task().result()))));
                    enter(references, 1);
                    Step callback = steps.get(1);
                    Feed feed = new Feed(Mode.LIST, List.of(), loop, Optional.ofNullable(after).map(Feed::waitOnly));
                    return call(callback, sources(callback, env, -1), feed, false, out);
                }
            }
            throw new AssertionError(plan.shape());
        }

        private void enter(List<Optional<Reference>> references, int index) {
            if (references != null) {
                at = references.get(index);
            }
        }

        private List<Source> sources(Step step, Map<String, Source> env, int loop) {
            return sources(step, env, loop, null);
        }

        /** Where each of a step's arguments comes from, in this expansion. */
        private List<Source> sources(Step step, Map<String, Source> env, int loop, TypeName element) {
            List<Source> sources = new ArrayList<>();
            int local = 0;
            for (Argument argument : step.arguments()) {
                if (argument instanceof WorkflowPlan.FromParameter parameter) {
                    sources.add(env.get(parameter.name()));
                } else if (argument instanceof WorkflowPlan.Element) {
                    sources.add(new Known(Value.element(loop, element)));
                } else if (argument instanceof WorkflowPlan.MemberResult result) {
                    sources.add(new Local(result.index()));
                    local = result.index() + 1;
                } else {
                    sources.add(new Local(local++));
                }
            }
            return sources;
        }

        /**
         * Adds the job (or the nested workflow) of {@code step}, waiting for {@code feed}; {@code
         * entry} for a job that starts its workflow, which may take that workflow's fed parameters.
         */
        private int call(Step step, List<Source> sources, Feed feed, boolean entry, List<NestModel.Item> out) {
            int values = feed == null ? 0 : feed.values();
            int taken = 0;
            while (taken < sources.size() && taken < values && takes(sources.get(taken), taken, entry)) {
                taken++;
            }
            if (taken != 0 && taken != values) {
                taken = 0; // reported below, at the first input not taken in place
            }
            List<? extends VariableElement> parameters = step.task().method().getParameters();
            for (int p = taken; p < sources.size(); p++) {
                if (sources.get(p) instanceof Fed fed) {
                    fail(Message.WORKFLOW_FED_PARAMETER, fed.workflow(), fed.parameter(), step.task().taskName(),
                            "its parameter " + (p + 1) + " '" + parameters.get(p).getSimpleName() + "'", fed.workflow());
                    throw new Broken();
                }
            }
            Feed own = feed == null ? null : taken == values ? feed : feed.waitOnly();
            List<Value> known = new ArrayList<>();
            for (int p = taken; p < sources.size(); p++) {
                known.add(((Known) sources.get(p)).value());
            }
            if (!step.task().workflow()) {
                int id = next++;
                ClassName owner = ClassName.get(step.task().owner());
                out.add(new NestModel.Job(id, step.task().taskName(), GeneratedNames.stub(owner), step.task().constant(),
                        TypeNames.of(fits.box(step.task().result())), Optional.ofNullable(own), known));
                return id;
            }
            WorkflowPlan inner = plans.get(step.task().method());
            String name = step.task().taskName();
            if (inner.onFailure().isPresent()) {
                fail(Message.WORKFLOW_NESTED_ON_FAILURE, name, inner.onFailure().get().task().taskName(),
                        top.getSimpleName());
                throw new Broken();
            }
            Map<String, Source> env = new HashMap<>();
            for (int p = 0; p < parameters.size(); p++) {
                String parameter = parameters.get(p).getSimpleName().toString();
                env.put(parameter, p < taken ? new Fed(p, parameter, name) : sources.get(p));
            }
            return expand(inner, env, own, out, null);
        }

        /** Whether source {@code p} is input {@code p} of the feed being called with. */
        private boolean takes(Source source, int p, boolean entry) {
            return entry ? source instanceof Fed fed && fed.index() == p : source instanceof Local local && local.index() == p;
        }

        private void fail(Message message, Object... arguments) {
            Object[] all = new Object[arguments.length + 2];
            all[0] = "@" + annotation.kind().simpleName();
            all[1] = WorkflowValidator.describe(top);
            System.arraycopy(arguments, 0, all, 2, arguments.length);
            report.add(message, top, annotation.mirror(), at.map(Reference::value).orElse(null), all);
        }
    }
}
