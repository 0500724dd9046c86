package dev.spool.web;

import com.sun.net.httpserver.HttpExchange;
import dev.spool.JobInfo;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.MinuteCount;
import dev.spool.QueueCounts;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.WorkerInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/queues/...}, {@code /api/workers} and {@code /api/stats}. */
final class QueuesApi {

    private final Spool spool;

    QueuesApi(Spool spool) {
        this.spool = spool;
    }

    void list(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (QueueCounts c : spool.queues()) {
            out.add(Views.queue(c));
        }
        Http.send(exchange, 200, Http.object("queues", out));
    }

    void pause(HttpExchange exchange, String name) throws IOException {
        JobQueue q = queue(name);
        q.pause();
        Http.send(exchange, 200, Http.object("queue", name, "paused", true));
    }

    void resume(HttpExchange exchange, String name) throws IOException {
        JobQueue q = queue(name);
        boolean was = q.resume();
        Http.send(exchange, 200, Http.object("queue", name, "paused", false, "wasPaused", was));
    }

    void jobs(HttpExchange exchange, String name) throws IOException {
        JobQueue q = queue(name);
        Map<String, String> query = Http.query(exchange);
        String stateText = query.getOrDefault("state", "queued");
        JobStatus state;
        try {
            state = JobStatus.valueOf(stateText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state == null || !JobQueue.LISTABLE.contains(state)) {
            throw ApiException.badRequest("unknown state \"" + JobsApi.shorten(stateText)
                    + "\"; listable: queued, scheduled, active, waiting, succeeded, failed");
        }
        int size = Http.intParam(query, "size", 25, 1, 200);
        int page = Http.intParam(query, "page", 0, 0, 1_000_000);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobInfo j : q.jobs(state, (long) page * size, size)) {
            jobs.add(Views.job(j, null));
        }
        QueueCounts c = q.counts();
        long total = switch (state) {
            case QUEUED -> c.queued();
            case SCHEDULED -> c.scheduled();
            case ACTIVE -> c.active();
            case WAITING -> c.waiting();
            case SUCCEEDED -> c.succeeded();
            default -> c.dead();
        };
        Http.send(exchange, 200, Http.object("queue", name, "state", state.name(), "page", page, "size", size,
                "total", total, "paused", c.paused(), "jobs", jobs));
    }

    void retryDead(HttpExchange exchange, String name, String id) throws IOException {
        if (!queue(name).deadLetters().retry(id)) {
            throw ApiException.notFound("job " + id + " is not a dead letter of queue " + name);
        }
        Http.send(exchange, 200, Http.object("queue", name, "retried", 1));
    }

    void deleteDead(HttpExchange exchange, String name, String id) throws IOException {
        if (!queue(name).deadLetters().delete(id)) {
            throw ApiException.notFound("job " + id + " is not a dead letter of queue " + name);
        }
        Http.send(exchange, 200, Http.object("queue", name, "deleted", 1));
    }

    void retryAllDead(HttpExchange exchange, String name) throws IOException {
        Http.send(exchange, 200, Http.object("queue", name, "retried", queue(name).deadLetters().retryAll()));
    }

    void deleteAllDead(HttpExchange exchange, String name) throws IOException {
        Http.send(exchange, 200, Http.object("queue", name, "deleted", queue(name).deadLetters().deleteAll()));
    }

    void workers(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WorkerInfo w : spool.workers()) {
            out.add(Views.worker(w));
        }
        Http.send(exchange, 200, Http.object("workers", out));
    }

    void stats(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> queues = new ArrayList<>();
        long[] totals = new long[60 * 2];
        List<String> minutes = new ArrayList<>();
        for (QueueCounts c : spool.queues()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            List<MinuteCount> hour = spool.queue(c.queue()).lastHour();
            for (int i = 0; i < hour.size() && i < 60; i++) {
                MinuteCount m = hour.get(i);
                rows.add(Views.minute(m));
                totals[2 * i] += m.succeeded();
                totals[2 * i + 1] += m.failed();
                if (minutes.size() <= i) {
                    minutes.add(m.minute().toString());
                }
            }
            queues.add(Http.object("queue", c.queue(), "minutes", rows));
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < minutes.size(); i++) {
            all.add(Http.object("minute", minutes.get(i), "processed", totals[2 * i] + totals[2 * i + 1],
                    "succeeded", totals[2 * i], "failed", totals[2 * i + 1]));
        }
        Http.send(exchange, 200, Http.object("queues", queues, "total", all));
    }

    private JobQueue queue(String name) {
        try {
            return spool.queue(name);
        } catch (SpoolException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
