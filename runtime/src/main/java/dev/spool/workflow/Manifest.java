package dev.spool.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spool.SpoolException;
import dev.spool.internal.JobHandle;
import dev.spool.internal.JobIds;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.queue.Manifests;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a workflow is made of, as written to Redis when it starts: every job's role, task, queue and
 * id, and which job is the final one. {@link Workflow#find} reads it back, in any process, to give
 * a handle to the workflow again.
 *
 * @param version the format, 1
 * @param last the position of the final job
 * @param handler the position of the onFailure handler, or -1
 * @param policy the failure policy, {@code cancel} or {@code finish} ({@link FailurePolicy})
 * @param jobs every job, in position order
 */
record Manifest(int version, int last, int handler, String policy, List<Member> jobs) {

    /** One job of the workflow. */
    record Member(String role, String task, String queue, String id) {}

    Manifest {
        jobs = List.copyOf(jobs);
    }

    /** Writes it; it expires {@code ttlSeconds} from now. */
    void write(SpoolCore core, String workflowId, long ttlSeconds) {
        String json;
        try {
            json = core.codec().mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new SpoolException("could not encode the workflow's manifest: " + e.getOriginalMessage(), e);
        }
        new Manifests(core.redis(), core.keys()).put(workflowId, json, ttlSeconds);
    }

    /** The manifest of {@code workflowId}, if it is still stored. */
    static Optional<Manifest> read(SpoolCore core, String workflowId) {
        if (!JobIds.isValid(workflowId)) {
            throw new SpoolException("invalid workflow id \"" + workflowId + "\"");
        }
        Optional<String> json = new Manifests(core.redis(), core.keys()).get(workflowId);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Manifest manifest;
        try {
            manifest = core.codec().mapper().readValue(json.get(), Manifest.class);
        } catch (JsonProcessingException e) {
            throw new SpoolException("the manifest of workflow " + workflowId + " does not decode: "
                    + e.getOriginalMessage(), e);
        }
        if (manifest.version() != 1 || manifest.jobs().isEmpty() || manifest.last() < 0
                || manifest.last() >= manifest.jobs().size() || manifest.handler() >= manifest.jobs().size()) {
            throw new SpoolException("the manifest of workflow " + workflowId + " is not one this version reads");
        }
        return Optional.of(manifest);
    }

    /** A handle to the workflow, its final job's result decoded as {@code resultType}. */
    <R> FlowJob<R> handle(SpoolCore core, String workflowId, TypeRef<R> resultType) {
        List<JobHandle<?>> handles = new ArrayList<>(jobs.size());
        List<String> roles = new ArrayList<>(jobs.size());
        for (Member job : jobs) {
            handles.add(new JobHandle<>(core, core.keys().queue(job.queue()), job.id(), job.task(),
                    TypeRef.of(Object.class)));
            roles.add(job.role());
        }
        Member final_ = jobs.get(last);
        JobHandle<R> result = new JobHandle<>(core, core.keys().queue(final_.queue()), final_.id(), final_.task(),
                resultType);
        handles.set(last, result);
        return new FlowJob<>(core, workflowId, result, handles, roles, last, handler);
    }
}
