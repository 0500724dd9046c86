package dev.spool.workflow;

import dev.spool.Cancellation;
import dev.spool.Job;
import dev.spool.JobFailure;
import dev.spool.JobProgress;
import dev.spool.JobStatus;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.Flows;
import dev.spool.internal.JobHandle;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@link WorkflowJob} implementation: the final job's handle plus the others. */
final class FlowJob<R> implements WorkflowJob<R> {

    private final SpoolCore core;
    private final String workflowId;
    private final JobHandle<R> result;
    private final List<JobHandle<?>> jobs;
    private final List<String> roles;

    private final int last;
    private final int handler;

    FlowJob(SpoolCore core, String workflowId, JobHandle<R> result, List<JobHandle<?>> jobs, List<String> roles,
            int last, int handler) {
        this.last = last;
        this.handler = handler;
        this.core = core;
        this.workflowId = workflowId;
        this.result = result;
        this.jobs = List.copyOf(jobs);
        this.roles = List.copyOf(roles);
    }

    @Override
    public String workflowId() {
        return workflowId;
    }

    @Override
    public List<Job<?>> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public WorkflowStatus workflowStatus() {
        List<QueueKeys> queues = new ArrayList<>(jobs.size());
        List<String> ids = new ArrayList<>(jobs.size());
        for (JobHandle<?> job : jobs) {
            queues.add(core.keys().queue(job.queue()));
            ids.add(job.id());
        }
        List<Broker.StoredStatus> stored = Flows.of(core).statuses(queues, ids);
        List<WorkflowStatus.Entry> entries = new ArrayList<>(stored.size());
        boolean failed = false;
        for (int i = 0; i < stored.size(); i++) {
            Broker.StoredStatus s = stored.get(i);
            JobStatus status = Flows.toStatus(s);
            Optional<JobFailure> failure = (status == JobStatus.FAILED || status == JobStatus.CANCELLED || status == JobStatus.EXPIRED) && s.failureJson() != null
                    ? Optional.of(core.codec().decodeFailure(s.failureJson())) : Optional.empty();
            failed |= i != handler && (status == JobStatus.FAILED || status == JobStatus.CANCELLED
                    || status == JobStatus.EXPIRED);
            JobHandle<?> job = jobs.get(i);
            entries.add(new WorkflowStatus.Entry(roles.get(i), job.task(), job.queue(), job.id(), status, failure));
        }
        JobStatus last = entries.get(this.last).status();
        WorkflowStatus.State state = last == JobStatus.SUCCEEDED ? WorkflowStatus.State.SUCCEEDED
                : failed ? WorkflowStatus.State.FAILED
                : last == JobStatus.MISSING ? WorkflowStatus.State.MISSING
                : WorkflowStatus.State.RUNNING;
        return new WorkflowStatus(workflowId, state, entries);
    }

    @Override
    public String id() {
        return result.id();
    }

    @Override
    public String queue() {
        return result.queue();
    }

    @Override
    public String task() {
        return result.task();
    }

    @Override
    public int attempts() {
        return result.attempts();
    }

    @Override
    public JobStatus status() {
        return result.status();
    }

    @Override
    public R await(Duration timeout) {
        return result.await(timeout);
    }

    @Override
    public Optional<R> result() {
        return result.result();
    }

    @Override
    public Optional<JobFailure> failure() {
        return result.failure();
    }

    @Override
    public Optional<JobProgress> progress() {
        return result.progress();
    }

    /** Cancels every job of the workflow, the final one first; returns what it did to the final job. */
    @Override
    public Cancellation cancel() {
        Cancellation last = null;
        for (int i = jobs.size() - 1; i >= 0; i--) {
            Cancellation c = jobs.get(i).cancel();
            if (last == null) {
                last = c;
            }
        }
        return last;
    }

    @Override
    public CompletableFuture<R> future() {
        return result.future();
    }

    @Override
    public String toString() {
        return "workflow " + workflowId + " -> " + result;
    }
}
