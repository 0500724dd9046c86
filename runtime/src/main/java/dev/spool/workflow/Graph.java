package dev.spool.workflow;

import dev.spool.JobOptions;
import dev.spool.SpoolException;
import dev.spool.internal.Flows;
import dev.spool.internal.Flows.Target;
import dev.spool.internal.queue.QueueCalls;
import dev.spool.internal.JobHandle;
import dev.spool.internal.JobIds;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.Redis;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The jobs of one workflow and how they feed each other; writes them to Redis. */
final class Graph {

    /** Modes of a waiting job's inputs (see createWaitingJob-3.lua). */
    static final char SPREAD = 's';
    static final char LIST = 'l';
    /** Waits for its inputs but takes none of them as arguments (a step after a void step). */
    static final char NONE = 'n';
    /** An onFailure handler: released by the first failure among its inputs, with that failure. */
    static final char ON_FAILURE = 'e';

    /** The role of an onFailure handler. */
    static final String HANDLER_ROLE = "on failure";

    /**
     * One job of the workflow.
     *
     * @param role e.g. "step 2", "member 7", "callback"
     * @param inputs 0 for a job that runs at once, else how many inputs it waits for
     * @param mode how inputs become arguments
     * @param args all arguments (runnable) or the bound ones after the inputs (waiting)
     * @param feeds the node this one feeds, or -1
     * @param feedIndex the input index it fills there
     */
    record Node(String role, TaskDescriptor<?> task, JobOptions options, Object[] args, int inputs, char mode,
            int feeds, int feedIndex, List<Feed> moreFeeds) {

        Node(String role, TaskDescriptor<?> task, JobOptions options, Object[] args, int inputs, char mode,
                int feeds, int feedIndex) {
            this(role, task, options, args, inputs, mode, feeds, feedIndex, List.of());
        }

        Node withOptions(JobOptions options) {
            return new Node(role, task, options, args, inputs, mode, feeds, feedIndex, moreFeeds);
        }

        /** This node also feeds input {@code index} of node {@code node} (a DAG's fan-out). */
        Node alsoFeeding(int node, int index) {
            if (feeds < 0) {
                return new Node(role, task, options, args, inputs, mode, node, index, moreFeeds);
            }
            List<Feed> more = new ArrayList<>(moreFeeds);
            more.add(new Feed(node, index));
            return new Node(role, task, options, args, inputs, mode, feeds, feedIndex, List.copyOf(more));
        }
    }

    /** Input {@code index} of node {@code node}. */
    record Feed(int node, int index) {}

    /**
     * A workflow's onFailure handler: {@code task} takes a {@link WorkflowFailure} first, then
     * {@code args}.
     */
    record Handler(TaskDescriptor<?> task, JobOptions options, Object[] args) {

        /** Checks the handler's parameters. */
        static Handler of(TaskDescriptor<?> task, Object[] boundArguments) {
            java.util.Objects.requireNonNull(task, "task");
            Object[] bound = Graph.args(boundArguments);
            checkArity("the onFailure handler", task, 1, bound);
            if (!Types.fits(TypeRef.of(WorkflowFailure.class), task.parameters().get(0).type())) {
                throw new IllegalArgumentException("the onFailure handler " + task.name() + " must take a "
                        + WorkflowFailure.class.getName() + " as its first parameter, not a "
                        + task.parameters().get(0).type());
            }
            return new Handler(task, JobOptions.defaults(), bound);
        }

        Handler withOptions(JobOptions options) {
            if (!options.dependsOn().isEmpty() || options.delay().isPresent() || options.runAt().isPresent()) {
                throw new IllegalArgumentException("an onFailure handler takes no dependsOn, delay or runAt");
            }
            return new Handler(task, options, args);
        }
    }

    private Graph() {}

    /**
     * The nodes with options for the whole workflow filled in where a node has none of its own:
     * queue, retries and timeout for every job; delay and run-at time for the jobs that run at once.
     *
     * @throws IllegalArgumentException for {@code dependsOn} or {@code noRetryFor}, which are per job
     */
    static List<Node> withDefaults(List<Node> nodes, JobOptions workflow) {
        java.util.Objects.requireNonNull(workflow, "options");
        if (workflow == JobOptions.defaults()) {
            return nodes;
        }
        if (!workflow.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("dependsOn is not supported for a whole workflow");
        }
        if (!workflow.noRetryFor().isEmpty()) {
            throw new IllegalArgumentException("noRetryFor is per job: set it on a step with options(...)");
        }
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            JobOptions own = node.options();
            JobOptions merged = own;
            if (own.queue().isEmpty() && workflow.queue().isPresent()) {
                merged = merged.queue(workflow.queue().get());
            }
            if (own.retries().isEmpty() && workflow.retries().isPresent()) {
                merged = merged.retries(workflow.retries().get());
            }
            if (own.timeout().isEmpty() && workflow.timeout().isPresent()) {
                merged = merged.timeout(workflow.timeout().get());
            }
            if (node.inputs() == 0 && own.delay().isEmpty() && own.runAt().isEmpty()) {
                if (workflow.delay().isPresent()) {
                    merged = merged.delay(workflow.delay().get());
                } else if (workflow.runAt().isPresent()) {
                    merged = merged.runAt(workflow.runAt().get());
                }
            }
            out.add(merged == own ? node : node.withOptions(merged));
        }
        return out;
    }

    /** The nodes with the handler, if any, appended: it waits for every other node. */
    static List<Node> withHandler(List<Node> nodes, Handler handler) {
        if (handler == null) {
            return nodes;
        }
        List<Node> all = new ArrayList<>(nodes);
        all.add(new Node(HANDLER_ROLE, handler.task(), handler.options(), handler.args(), nodes.size(), ON_FAILURE, -1, 0,
                List.of()));
        return all;
    }

    /** Writes the workflow: waiting jobs first (downstream first), then the jobs that run at once. */
    static <R> WorkflowJob<R> start(SpoolCore core, List<Node> given, int last, TypeRef<R> resultType, Handler onFailure,
            JobOptions workflowOptions) {
        return start(core, given, last, resultType, onFailure, workflowOptions, FailurePolicy.CANCEL_QUEUED);
    }

    /** Writes the workflow with this failure policy. */
    static <R> WorkflowJob<R> start(SpoolCore core, List<Node> given, int last, TypeRef<R> resultType, Handler onFailure,
            JobOptions workflowOptions, FailurePolicy policy) {
        if (core.inline() != null) {
            return InlineFlow.run(core.inline(), withDefaults(given, workflowOptions), last, resultType);
        }
        List<Node> nodes = withDefaults(withHandler(given, onFailure), workflowOptions);
        int handler = onFailure == null ? -1 : nodes.size() - 1;
        String workflowId = JobIds.next();
        int n = nodes.size();
        String[] ids = new String[n];
        QueueKeys[] queues = new QueueKeys[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            ids[i] = workflowId + "-" + i;
            queues[i] = core.keys().queue(node.options().queue().orElse(node.task().queue()));
        }
        List<Redis.Call> waiting = new ArrayList<>();
        List<Flows.NewJob> runnable = new ArrayList<>();
        List<Integer> waitingNodes = new ArrayList<>();
        long waitingTtl = waitingTtlSeconds(core, nodes);
        for (int i = n - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            List<Target> targets = new ArrayList<>(2);
            if (node.feeds() >= 0) {
                targets.add(new Target(queues[node.feeds()].queue(), ids[node.feeds()], node.feedIndex()));
            }
            for (Feed feed : node.moreFeeds()) {
                targets.add(new Target(queues[feed.node()].queue(), ids[feed.node()], feed.index()));
            }
            if (handler >= 0 && i != handler) {
                targets.add(new Target(queues[handler].queue(), ids[handler], i));
            }
            if (node.inputs() > 0) {
                if (node.options().delay().isPresent() || node.options().runAt().isPresent()) {
                    throw new IllegalArgumentException(node.role() + " (" + node.task().name()
                            + ") waits for other jobs; delay and runAt apply only to jobs that run at once");
                }
                int fed = node.mode() == LIST || node.mode() == ON_FAILURE ? 1 : node.mode() == NONE ? 0 : node.inputs();
                SpoolCore.Prepared p = core.prepare(boundPart(node.task(), fed), node.options(), node.args(), ids[i]);
                String bound = Payload.unpack(p.payload()).arguments();
                String header = p.payload().substring(0, p.payload().length() - bound.length());
                waiting.add(QueueCalls.createWaiting(queues[i], ids[i], Payload.withTargets(header, targets), bound,
                        node.inputs(), node.mode(), targets, waitingTtl));
                if (i != handler) {
                    waitingNodes.add(i); // a failure would release the handler: it expires with its TTL instead
                }
            } else {
                SpoolCore.Prepared p = core.prepare(node.task(), node.options(), node.args(), ids[i]);
                runnable.add(new Flows.NewJob(queues[i], ids[i], Payload.withTargets(p.payload(), targets), p.when(), targets));
            }
        }
        Flows flows = Flows.of(core);
        core.register(java.util.Arrays.asList(queues));
        List<Manifest.Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(new Manifest.Member(nodes.get(i).role(), nodes.get(i).task().name(), queues[i].queue(), ids[i]));
        }
        // First, so that whoever sees one of the jobs can find the workflow.
        new Manifest(1, last, handler, policy.stored(), members).write(core, workflowId, manifestTtlSeconds(core, waitingTtl));
        try {
            if (!waiting.isEmpty()) {
                flows.create(waiting); // a pipeline: some may be written when another fails
            }
            java.util.Collections.reverse(runnable); // members in input order
            flows.create(QueueCalls.enqueueFlowJobs(runnable));
        } catch (RuntimeException e) {
            abandon(core, flows, waitingNodes, queues, ids, e);
            throw e;
        }
        List<JobHandle<?>> handles = new ArrayList<>(n);
        List<String> roles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            handles.add(new JobHandle<>(core, queues[i], ids[i], node.task().name(), node.task().resultType()));
            roles.add(node.role());
        }
        JobHandle<R> result = new JobHandle<>(core, queues[last], ids[last], nodes.get(last).task().name(), resultType);
        return new FlowJob<>(core, workflowId, result, handles, roles, last, handler);
    }

    /**
     * The TTL of the workflow's waiting records: the dead TTL after the latest first run of the
     * jobs that run at once (a delayed first step must not outlive the steps waiting for it).
     * Every input that arrives extends it again (joinFlows-4.lua), so only a workflow that makes
     * no progress for that long is given up.
     */
    static long waitingTtlSeconds(SpoolCore core, List<Node> nodes) {
        Duration latest = Duration.ZERO;
        Instant now = Instant.now();
        for (Node node : nodes) {
            if (node.inputs() == 0) {
                Duration start = node.options().runAt().map(at -> Duration.between(now, at))
                        .or(() -> node.options().delay()).orElse(Duration.ZERO);
                latest = start.compareTo(latest) > 0 ? start : latest;
            }
        }
        return core.deadTtl().plus(latest).toSeconds() + 1;
    }

    /**
     * How long a workflow's manifest is kept: as long as its jobs wait, plus as long as their
     * outcomes are kept after that.
     */
    static long manifestTtlSeconds(SpoolCore core, long waitingTtlSeconds) {
        Duration kept = core.resultTtl().compareTo(core.deadTtl()) > 0 ? core.resultTtl() : core.deadTtl();
        return waitingTtlSeconds + kept.toSeconds();
    }

    /**
     * Best effort after a failed start: fail the waiting jobs that may have been written, so nothing
     * waits forever (a delivery to one that was not written changes nothing). Should this fail too,
     * their TTL removes them.
     */
    private static void abandon(SpoolCore core, Flows flows, List<Integer> waitingNodes, QueueKeys[] queues, String[] ids,
            RuntimeException cause) {
        try {
            String failure = core.codec().encodeFailure(new dev.spool.JobFailure(Flows.WORKFLOW_FAILED,
                    "the workflow could not be started: " + cause.getMessage(), "", 0));
            List<Flows.Delivery> deliveries = new ArrayList<>();
            for (int i : waitingNodes) {
                deliveries.add(new Flows.Delivery(queues[i], ids[i], new Target(queues[i].queue(), ids[i], 0), false, failure));
            }
            flows.deliver(deliveries);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The task without its first {@code fed} parameters: what is bound when a waiting job is created. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static TaskDescriptor<?> boundPart(TaskDescriptor<?> task, int fed) {
        TaskDescriptor.Builder b = TaskDescriptor.builder(task.name(), task.resultType())
                .queue(task.queue()).retries(task.retries());
        task.timeout().ifPresent(b::timeout);
        b.noRetryFor(task.noRetryFor().toArray(new Class[0]));
        for (int i = fed; i < task.parameters().size(); i++) {
            b.param(task.parameters().get(i).name(), task.parameters().get(i).type());
        }
        // a concurrency key bound at creation is carried; one fed from an input is not known yet
        task.concurrency().filter(c -> c.index() >= fed).ifPresent(c -> b.concurrencyKey(c.parameter(), c.max()));
        return b.build();
    }

    static Object[] args(Object[] arguments) {
        return arguments == null ? new Object[] {null} : arguments.clone();
    }

    /** Checks that a job takes at least {@code fed} inputs and the right number of bound arguments. */
    static void checkArity(String role, TaskDescriptor<?> task, int fed, Object[] bound) {
        int params = task.parameters().size();
        if (params < fed) {
            throw new IllegalArgumentException(role + " " + task.name() + " takes " + params + " parameter(s), but "
                    + fed + " input(s) would be fed to it");
        }
        if (bound.length != params - fed) {
            throw new IllegalArgumentException(role + " " + task.name() + " takes " + (params - fed)
                    + " argument(s) after its input(s), not " + bound.length);
        }
    }

    static SpoolException noSpool() {
        return new SpoolException("no client");
    }
}
