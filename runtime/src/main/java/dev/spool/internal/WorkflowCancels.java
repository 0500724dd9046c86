package dev.spool.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.JobStatus;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workflow's failure policy "cancel": when one of its jobs fails for good, the jobs of the same
 * workflow that are still queued or scheduled are cancelled, so they do not run for a result
 * nobody will use. Running jobs finish; the onFailure handler is left alone. Read from the
 * workflow's manifest ({@link Keys#workflow}); repeating it (a sweeper's redelivery) changes nothing.
 */
final class WorkflowCancels {

    private static final Logger log = LoggerFactory.getLogger(WorkflowCancels.class);

    /** The manifest's policy value that cancels queued jobs. */
    static final String CANCEL = "cancel";

    private WorkflowCancels() {}

    /** After the job {@code failedId} failed for good: cancels its workflow's queued jobs if the policy says so. */
    static void afterFailure(SpoolCore core, String failedId) {
        int dash = failedId.lastIndexOf('-');
        if (dash <= 0) {
            return; // not a workflow job
        }
        String workflowId = failedId.substring(0, dash);
        Optional<String> json = new Manifests(core.redis(), core.keys()).get(workflowId);
        if (json.isEmpty()) {
            return;
        }
        JsonNode manifest;
        try {
            manifest = core.codec().mapper().readTree(json.get());
        } catch (IOException e) {
            log.warn("Workflow {}: unreadable manifest, queued jobs are not cancelled: {}", workflowId, e.getMessage());
            return;
        }
        if (!CANCEL.equals(manifest.path("policy").asText(""))) {
            return;
        }
        int handler = manifest.path("handler").asInt(-1);
        List<QueueKeys> queues = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JsonNode jobs = manifest.path("jobs");
        for (int i = 0; i < jobs.size(); i++) {
            String id = jobs.get(i).path("id").asText("");
            if (i != handler && !id.equals(failedId) && JobIds.isValid(id)) {
                queues.add(core.keys().queue(jobs.get(i).path("queue").asText()));
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        List<Broker.StoredStatus> statuses = Flows.of(core).statuses(queues, ids);
        String reason = "workflow " + workflowId + ": job " + failedId + " failed for good";
        int cancelled = 0;
        for (int i = 0; i < ids.size(); i++) {
            JobStatus status = Flows.toStatus(statuses.get(i));
            if (status == JobStatus.QUEUED || status == JobStatus.SCHEDULED) {
                if (core.operator().cancel(queues.get(i), ids.get(i), core.deadTtl().toSeconds(), reason).code() == 1) {
                    cancelled++;
                }
            }
        }
        if (cancelled > 0) {
            log.info("Workflow {}: cancelled {} queued job(s) after job {} failed for good", workflowId, cancelled,
                    failedId);
        }
    }
}
