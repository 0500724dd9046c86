package dev.spool.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.spool.Cancellation;
import dev.spool.CodecException;
import dev.spool.Job;
import dev.spool.JobInfo;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.PayloadTooLargeException;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import dev.spool.workflow.Workflow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /api/jobs}: enqueue a job of a known task, read one job, cancel one job; {@code /api/tasks}. */
final class JobsApi {

    private static final Set<String> FIELDS = Set.of("task", "args", "queue", "delay", "runAt");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Duration MAX_DELAY = Duration.ofDays(365);

    private final Spool spool;
    private final Tasks tasks;
    private final int maxBodyBytes;

    JobsApi(Spool spool, Tasks tasks, int maxBodyBytes) {
        this.spool = spool;
        this.tasks = tasks;
        this.maxBodyBytes = maxBodyBytes;
    }

    void enqueue(HttpExchange exchange) throws IOException {
        JsonNode body = Http.jsonObject(exchange, maxBodyBytes);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\"; a job has task, args, queue, delay, runAt");
            }
        }
        JsonNode taskName = body.get("task");
        if (taskName == null || !taskName.isTextual()) {
            throw ApiException.badRequest("field \"task\" must be a task name, such as \"Thumbnails.render\"");
        }
        TaskDescriptor<?> task = tasks.get(taskName.asText()).orElseThrow(() -> ApiException.badRequest(
                "unknown task \"" + shorten(taskName.asText()) + "\": this server knows " + names()));
        JsonNode args = body.get("args");
        if (args == null || args.isNull()) {
            args = Http.JSON.createArrayNode();
        }
        if (!args.isArray()) {
            throw ApiException.badRequest("field \"args\" must be a JSON array of the task's arguments");
        }
        Object[] arguments;
        try {
            arguments = spool.decodeArguments(task, Http.JSON.writeValueAsString(args));
        } catch (CodecException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        JobOptions options = options(body);
        Job<?> job;
        try {
            job = spool.enqueue(task, options, arguments);
        } catch (PayloadTooLargeException e) {
            throw new ApiException(413, e.getMessage());
        } catch (CodecException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        JobStatus status = options.delay().isPresent() || options.runAt().isPresent() ? JobStatus.SCHEDULED
                : JobStatus.QUEUED;
        exchange.getResponseHeaders().set("Location", "/api/jobs/" + job.id());
        Http.send(exchange, 202, Http.object("id", job.id(), "queue", job.queue(), "status", status.name(),
                "self", "/api/jobs/" + job.id()));
    }

    private JobOptions options(JsonNode body) {
        JobOptions options = JobOptions.defaults();
        JsonNode queue = body.get("queue");
        if (queue != null && !queue.isNull()) {
            if (!queue.isTextual()) {
                throw ApiException.badRequest("field \"queue\" must be a queue name");
            }
            try {
                spool.queue(queue.asText()); // checks the name
            } catch (SpoolException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            options = options.queue(queue.asText());
        }
        JsonNode delay = body.get("delay");
        JsonNode runAt = body.get("runAt");
        if (delay != null && !delay.isNull() && runAt != null && !runAt.isNull()) {
            throw ApiException.badRequest("give either \"delay\" or \"runAt\", not both");
        }
        if (delay != null && !delay.isNull()) {
            options = options.delay(duration(delay));
        }
        if (runAt != null && !runAt.isNull()) {
            try {
                options = options.runAt(Instant.parse(runAt.asText()));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("field \"runAt\" must be an ISO-8601 instant such as"
                        + " 2030-01-01T12:00:00Z: " + shorten(runAt.asText()));
            }
        }
        return options;
    }

    private static Duration duration(JsonNode node) {
        String text = node.asText();
        Duration d = null;
        Matcher m = SIMPLE_DURATION.matcher(text);
        if (node.isTextual() && m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else if (node.isTextual()) {
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw ApiException.badRequest("field \"delay\" must be a duration from 0 to 365 days, such as \"500ms\","
                    + " \"5s\", \"10m\", \"2h\" or \"PT5S\": " + shorten(text));
        }
        return d;
    }

    void get(HttpExchange exchange, String id) throws IOException {
        JobInfo info = find(id);
        JsonNode result = null;
        if (info.status() == JobStatus.SUCCEEDED) {
            try {
                result = spool.job(info.queue(), id, TypeRef.of(JsonNode.class)).result().orElse(null);
            } catch (SpoolException e) {
                result = null; // expired meanwhile
            }
        }
        Map<String, Object> view = Views.job(info, result);
        if (info.status() == JobStatus.FAILED) {
            spool.queue(info.queue()).deadLetters().get(id).ifPresent(d -> view.put("history", Views.history(d.history())));
        }
        view.put("workflow", workflow(id));
        Http.send(exchange, 200, view);
    }

    /** The view of the workflow job {@code id} is part of, or null (none, or its record is unreadable). */
    private Map<String, Object> workflow(String id) {
        try {
            return Workflow.ofJob(spool, id).map(flow -> Views.workflow(flow, id)).orElse(null);
        } catch (SpoolException e) {
            return null; // a manifest this version does not read: the job is still shown
        }
    }

    void cancel(HttpExchange exchange, String id) throws IOException {
        JobInfo info = find(id);
        Cancellation c = spool.queue(info.queue()).cancel(id);
        switch (c.outcome()) {
            case NOT_FOUND -> throw ApiException.notFound("no job " + id);
            case ALREADY_FINISHED -> throw new ApiException(409, "job " + id + " has finished already ("
                    + c.before().name() + "); nothing changed");
            default -> Http.send(exchange, 200, Http.object("id", id, "queue", info.queue(), "status",
                    JobStatus.CANCELLED.name(), "before", c.before().name(),
                    "wasRunning", c.outcome() == Cancellation.Outcome.CANCELLED_RUNNING));
        }
    }

    void tasks(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TaskDescriptor<?> t : tasks.all()) {
            List<Map<String, Object>> params = new ArrayList<>();
            t.parameters().forEach(p -> params.add(Http.object("name", p.name(), "type", p.type().toString())));
            out.add(Http.object("name", t.name(), "queue", t.queue(), "retries", t.retries(), "parameters", params,
                    "result", t.resultType().toString()));
        }
        Http.send(exchange, 200, Http.object("tasks", out));
    }

    private JobInfo find(String id) {
        return spool.findJob(id).orElseThrow(() -> ApiException.notFound("no job " + id
                + " (never enqueued in this namespace, or its record expired)"));
    }

    private String names() {
        List<String> names = new ArrayList<>();
        tasks.all().forEach(t -> names.add(t.name()));
        if (names.size() > 20) {
            return names.subList(0, 20) + " and " + (names.size() - 20) + " more";
        }
        return names.toString();
    }

    static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
