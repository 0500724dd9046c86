package dev.spool.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The dashboard's files, served from the jar ({@code dev/spool/web/static/}), and the OpenAPI document. */
final class StaticFiles {

    private static final String ROOT = "/dev/spool/web/static/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json; charset=utf-8", "png", "image/png");
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    void serve(HttpExchange exchange, String path) throws IOException {
        String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(1);
        if (!name.matches("[a-z0-9-]+\\.(html|js|css|svg|png)")) {
            throw ApiException.notFound("no such page: " + JobsApi.shorten(path));
        }
        send(exchange, name, "no-cache");
    }

    void openApi(HttpExchange exchange) throws IOException {
        send(exchange, "openapi.json", "no-cache");
    }

    private static void send(HttpExchange exchange, String name, String cache) throws IOException {
        byte[] bytes;
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw ApiException.notFound("no such page: /" + name);
            }
            bytes = in.readAllBytes();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        exchange.getResponseHeaders().set("Cache-Control", cache);
        exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
