package dev.spool.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.spool.SpoolException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sends each request to its handler after the {@link Guard}, and turns every refusal into a JSON
 * answer with its status and reason: 400 bad input, 401/403 refused, 404 unknown, 405 wrong method,
 * 409 conflict, 413 too large, 503 Redis unreachable.
 */
final class Router {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Guard guard;
    private final JobsApi jobs;
    private final QueuesApi queues;
    private final StaticFiles files;
    private final int maxBodyBytes;

    Router(Guard guard, JobsApi jobs, QueuesApi queues, StaticFiles files, int maxBodyBytes) {
        this.guard = guard;
        this.jobs = jobs;
        this.queues = queues;
        this.files = files;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean api = path.equals("/api") || path.startsWith("/api/");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            try {
                boolean write = WRITES.contains(method);
                boolean session = path.equals("/api/session");
                guard.check(exchange, write, api && !session && !path.equals("/api/openapi.json"));
                if (api) {
                    api(exchange, method, path.substring(4));
                } else if (method.equals("GET") || method.equals("HEAD")) {
                    files.serve(exchange, path);
                } else {
                    throw wrongMethod(exchange, "GET");
                }
            } catch (ApiException e) {
                if (e.status() == 413) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                Http.sendError(exchange, e.status(), e.getMessage());
            } catch (SpoolException e) {
                SpoolWeb.logServerError(exchange, e);
                Http.sendError(exchange, 503, "Spool could not answer: " + e.getMessage());
            } catch (RuntimeException e) {
                SpoolWeb.logServerError(exchange, e);
                Http.sendError(exchange, 500, "internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    private void api(HttpExchange exchange, String method, String path) throws IOException {
        String[] p = path.length() <= 1 ? new String[0] : path.substring(1).split("/", -1);
        String route = p.length == 0 ? "" : p[0];
        switch (route) {
            case "jobs" -> {
                if (p.length == 1) {
                    expect(exchange, method, "POST");
                    jobs.enqueue(exchange);
                } else if (p.length == 2) {
                    String id = id(p[1]);
                    if (method.equals("GET")) {
                        jobs.get(exchange, id);
                    } else if (method.equals("DELETE")) {
                        jobs.cancel(exchange, id);
                    } else {
                        throw wrongMethod(exchange, "GET, DELETE");
                    }
                } else {
                    throw unknown(path);
                }
            }
            case "queues" -> queueRoutes(exchange, method, path, p);
            case "workers" -> {
                only(p, 1, path);
                expect(exchange, method, "GET");
                queues.workers(exchange);
            }
            case "stats" -> {
                only(p, 1, path);
                expect(exchange, method, "GET");
                queues.stats(exchange);
            }
            case "tasks" -> {
                only(p, 1, path);
                expect(exchange, method, "GET");
                jobs.tasks(exchange);
            }
            case "openapi.json" -> {
                only(p, 1, path);
                expect(exchange, method, "GET");
                files.openApi(exchange);
            }
            case "session" -> {
                only(p, 1, path);
                session(exchange, method);
            }
            default -> throw unknown(path);
        }
    }

    private void queueRoutes(HttpExchange exchange, String method, String path, String[] p) throws IOException {
        if (p.length == 1) {
            expect(exchange, method, "GET");
            queues.list(exchange);
            return;
        }
        String q = p[1];
        String tail = String.join("/", java.util.Arrays.copyOfRange(p, 2, p.length));
        if (tail.equals("pause")) {
            expect(exchange, method, "POST");
            queues.pause(exchange, q);
        } else if (tail.equals("resume")) {
            expect(exchange, method, "POST");
            queues.resume(exchange, q);
        } else if (tail.equals("jobs")) {
            expect(exchange, method, "GET");
            queues.jobs(exchange, q);
        } else if (tail.equals("dead/retry-all")) {
            expect(exchange, method, "POST");
            queues.retryAllDead(exchange, q);
        } else if (tail.equals("dead")) {
            expect(exchange, method, "DELETE");
            queues.deleteAllDead(exchange, q);
        } else if (p.length == 5 && p[2].equals("dead") && p[4].equals("retry")) {
            expect(exchange, method, "POST");
            queues.retryDead(exchange, q, id(p[3]));
        } else if (p.length == 4 && p[2].equals("dead")) {
            expect(exchange, method, "DELETE");
            queues.deleteDead(exchange, q, id(p[3]));
        } else {
            throw unknown(path);
        }
    }

    private void session(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> {
                var s = guard.session(exchange);
                Http.send(exchange, 200, Http.object("authenticated", s.isPresent() || !guard.tokenRequired(),
                        "session", s.isPresent(), "csrfToken", s.map(Guard.Session::csrf).orElse(null),
                        "tokenRequired", guard.tokenRequired(), "readOnly", guard.readOnly()));
            }
            case "POST" -> {
                String offered = null;
                String declared = exchange.getRequestHeaders().getFirst("Content-Length");
                if (declared != null && !declared.equals("0")) {
                    JsonNode body = Http.jsonObject(exchange, maxBodyBytes);
                    offered = body.path("token").isTextual() ? body.get("token").asText() : null;
                }
                Guard.Session s = guard.login(offered);
                exchange.getResponseHeaders().add("Set-Cookie", guard.cookieFor(s));
                Http.send(exchange, 200, Http.object("authenticated", true, "session", true, "csrfToken", s.csrf(),
                        "tokenRequired", guard.tokenRequired(), "readOnly", guard.readOnly()));
            }
            case "DELETE" -> {
                guard.logout(exchange);
                exchange.getResponseHeaders().add("Set-Cookie", Guard.COOKIE + "=; Path=/; Max-Age=0");
                Http.send(exchange, 200, Http.object("authenticated", false));
            }
            default -> throw wrongMethod(exchange, "GET, POST, DELETE");
        }
    }

    private static String id(String segment) {
        if (!ID.matcher(segment).matches()) {
            throw ApiException.badRequest("not a job id: \"" + JobsApi.shorten(segment) + "\"");
        }
        return segment;
    }

    private static void only(String[] p, int n, String path) {
        if (p.length != n) {
            throw unknown(path);
        }
    }

    private static void expect(HttpExchange exchange, String method, String allowed) {
        if (!method.equals(allowed)) {
            throw wrongMethod(exchange, allowed);
        }
    }

    private static ApiException wrongMethod(HttpExchange exchange, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return new ApiException(405, exchange.getRequestMethod() + " is not allowed here; allowed: " + allowed);
    }

    private static ApiException unknown(String path) {
        return ApiException.notFound("no such API path: /api" + JobsApi.shorten(path));
    }
}
