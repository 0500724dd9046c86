package dev.spool.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.DeadLetters;
import dev.spool.JobFailure;
import dev.spool.JobInfo;
import dev.spool.MinuteCount;
import dev.spool.QueueCounts;
import dev.spool.WorkerInfo;
import dev.spool.workflow.WorkflowJob;
import dev.spool.workflow.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API's answers, built from the inspection API's records. */
final class Views {

    private Views() {}

    static Map<String, Object> queue(QueueCounts c) {
        return Http.object("name", c.queue(), "queued", c.queued(), "scheduled", c.scheduled(), "active", c.active(),
                "waiting", c.waiting(), "succeeded", c.succeeded(), "failed", c.dead(), "paused", c.paused());
    }

    static Map<String, Object> job(JobInfo j, JsonNode result) {
        Map<String, Object> out = Http.object("id", j.id(), "task", j.task(), "queue", j.queue(),
                "status", j.status().name(), "arguments", json(j.arguments()), "result", result,
                "failure", failure(j.failure()),
                "progress", j.progress() == null ? null
                        : Http.object("fraction", j.progress().fraction(), "message", j.progress().message()),
                "attempts", j.attempts(), "enqueuedAt", j.enqueuedAt(), "scheduledFor", j.scheduledFor(),
                "startedAt", j.startedAt(), "leaseExpiresAt", j.leaseExpiresAt(), "finishedAt", j.finishedAt(),
                "worker", j.worker().isEmpty() ? null : j.worker());
        out.put("self", "/api/jobs/" + j.id());
        return out;
    }

    /** The most members of a workflow that a job's view lists. */
    static final int MAX_MEMBERS = 200;

    /**
     * The workflow a job is part of, with every member's state (at most {@link #MAX_MEMBERS}, in
     * position order; {@code total} tells how many there are), or null for a job of no workflow.
     */
    static Map<String, Object> workflow(WorkflowJob<?> flow, String jobId) {
        WorkflowStatus status = flow.workflowStatus();
        List<Map<String, Object>> members = new ArrayList<>();
        String role = null;
        for (WorkflowStatus.Entry e : status.jobs()) {
            if (e.jobId().equals(jobId)) {
                role = e.role();
            }
            if (members.size() < MAX_MEMBERS) {
                members.add(Http.object("id", e.jobId(), "role", e.role(), "task", e.task(), "queue", e.queue(),
                        "status", e.status().name(), "self", "/api/jobs/" + e.jobId()));
            }
        }
        return Http.object("id", status.workflowId(), "state", status.state().name(), "role", role,
                "final", flow.id(), "total", status.jobs().size(), "jobs", members);
    }

    static Map<String, Object> failure(JobFailure f) {
        return f == null ? null : Http.object("exceptionClass", f.exceptionClass(), "message", f.message(),
                "stackTrace", f.stackTrace(), "attempts", f.attempts());
    }

    static List<Map<String, Object>> history(List<DeadLetters.Attempt> attempts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeadLetters.Attempt a : attempts) {
            out.add(Http.object("attempt", a.attempt(), "at", a.at(), "worker", a.worker(), "error", a.error(),
                    "message", a.message()));
        }
        return out;
    }

    static Map<String, Object> worker(WorkerInfo w) {
        return Http.object("id", w.id(), "host", w.host(), "pid", w.pid(), "queues", w.queues(),
                "concurrency", w.concurrency(), "jobsInHand", w.jobsInHand(), "startedAt", w.startedAt(),
                "lastBeat", w.lastBeat());
    }

    static Map<String, Object> minute(MinuteCount m) {
        return Http.object("minute", m.minute(), "processed", m.processed(), "succeeded", m.succeeded(),
                "failed", m.failed());
    }

    /** Stored JSON as a tree, so that it is shown as JSON, not as a string; null if unreadable. */
    static JsonNode json(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Http.JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
