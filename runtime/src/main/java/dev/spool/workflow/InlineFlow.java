package dev.spool.workflow;

import dev.spool.Job;
import dev.spool.JobFailure;
import dev.spool.JobStatus;
import dev.spool.internal.FinishedJob;
import dev.spool.internal.Flows;
import dev.spool.internal.InlineRunner;
import dev.spool.internal.JobIds;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a workflow's jobs one after another in the calling thread (inline mode): the jobs that run
 * at once in input order, then each waiting job as soon as its inputs are in. The failure policy
 * is the one of {@link Workflow}: a job that fails fails every job that waits for it, transitively,
 * with a {@code dev.spool.WorkflowFailed} failure, and those never run.
 */
final class InlineFlow {

    private InlineFlow() {}

    @SuppressWarnings("unchecked")
    static <R> WorkflowJob<R> run(InlineRunner runner, List<Graph.Node> nodes, int last, TypeRef<R> resultType) {
        String workflowId = JobIds.next();
        int n = nodes.size();
        Object[][] inputs = new Object[n][];
        int[] arrived = new int[n];
        Job<?>[] jobs = new Job<?>[n];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            inputs[i] = new Object[nodes.get(i).inputs()];
            if (nodes.get(i).inputs() == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int i = ready.poll();
            Graph.Node node = nodes.get(i);
            Job<?> job = runner.run(node.task(), node.options(), arguments(node, inputs[i]));
            jobs[i] = job;
            for (Graph.Feed feed : feeds(node)) {
                int target = feed.node();
                if (jobs[target] != null) {
                    continue;
                }
                if (job.failure().isPresent()) {
                    failDownstream(nodes, jobs, target, job, node);
                } else {
                    inputs[target][feed.index()] = job.result().orElse(null);
                    if (++arrived[target] == nodes.get(target).inputs()) {
                        ready.add(target);
                    }
                }
            }
        }
        List<Job<?>> handles = Arrays.asList(jobs);
        List<String> roles = nodes.stream().map(Graph.Node::role).toList();
        return new Flow<>(workflowId, (Job<R>) jobs[last], List.copyOf(handles), roles);
    }

    /** Every input this node fills: a chain's or chord's one, or each of a DAG job's. */
    private static List<Graph.Feed> feeds(Graph.Node node) {
        if (node.feeds() < 0) {
            return List.of();
        }
        List<Graph.Feed> all = new ArrayList<>();
        all.add(new Graph.Feed(node.feeds(), node.feedIndex()));
        all.addAll(node.moreFeeds());
        return all;
    }

    private static Object[] arguments(Graph.Node node, Object[] inputs) {
        if (node.inputs() == 0) {
            return node.args();
        }
        List<Object> all = new ArrayList<>();
        if (node.mode() == Graph.LIST) {
            all.add(Arrays.asList(inputs));
        } else if (node.mode() != Graph.NONE) {
            all.addAll(Arrays.asList(inputs));
        }
        all.addAll(Arrays.asList(node.args()));
        return all.toArray();
    }

    private static void failDownstream(List<Graph.Node> nodes, Job<?>[] jobs, int target, Job<?> failed, Graph.Node cause) {
        JobFailure root = failed.failure().orElseThrow();
        String message = Flows.WORKFLOW_FAILED.equals(root.exceptionClass()) ? root.message()
                : cause.role() + " " + failed.id() + " (" + cause.task().name() + ", queue " + failed.queue()
                        + ") failed: " + root.exceptionClass() + ": " + root.message();
        Deque<Integer> waiting = new ArrayDeque<>(List.of(target));
        while (!waiting.isEmpty()) {
            int i = waiting.poll();
            if (jobs[i] != null) {
                continue;
            }
            Graph.Node node = nodes.get(i);
            jobs[i] = new FinishedJob<>(JobIds.next(), node.options().queue().orElse(node.task().queue()),
                    node.task().name(), 0, null, new JobFailure(Flows.WORKFLOW_FAILED, message, "", 0));
            feeds(node).forEach(feed -> waiting.add(feed.node()));
        }
    }

    private record Flow<R>(String workflowId, Job<R> last, List<Job<?>> jobs, List<String> roles)
            implements WorkflowJob<R> {

        @Override
        public WorkflowStatus workflowStatus() {
            List<WorkflowStatus.Entry> entries = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < jobs.size(); i++) {
                Job<?> job = jobs.get(i);
                failed |= job.status() == JobStatus.FAILED;
                entries.add(new WorkflowStatus.Entry(roles.get(i), job.task(), job.queue(), job.id(), job.status(),
                        job.failure()));
            }
            return new WorkflowStatus(workflowId, failed ? WorkflowStatus.State.FAILED : WorkflowStatus.State.SUCCEEDED,
                    entries);
        }

        @Override
        public String id() {
            return last.id();
        }

        @Override
        public String queue() {
            return last.queue();
        }

        @Override
        public String task() {
            return last.task();
        }

        @Override
        public int attempts() {
            return last.attempts();
        }

        @Override
        public JobStatus status() {
            return last.status();
        }

        /** Progress an inline run reported is not kept. */
        @Override
        public java.util.Optional<dev.spool.JobProgress> progress() {
            return java.util.Optional.empty();
        }

        /** An inline workflow ran before its handle was returned: there is nothing left to cancel. */
        @Override
        public dev.spool.Cancellation cancel() {
            return last.cancel();
        }

        @Override
        public R await(Duration timeout) {
            return last.await(timeout);
        }

        @Override
        public Optional<R> result() {
            return last.result();
        }

        @Override
        public Optional<dev.spool.JobFailure> failure() {
            return last.failure();
        }

        @Override
        public CompletableFuture<R> future() {
            return last.future();
        }
    }
}
