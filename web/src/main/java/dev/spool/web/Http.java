package dev.spool.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing JSON answers: bodies under a limit, query parameters, error bodies. */
final class Http {

    /** The mapper of the API's own JSON (requests' envelopes and answers); task arguments are decoded by Spool. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Http() {}

    /**
     * How much of a refused body is still read and thrown away so that the client, still sending,
     * gets the 413 instead of a reset connection (Tomcat's "swallow", with its default of 2 MiB).
     */
    static final int SWALLOW_BYTES = 2 << 20;

    /**
     * The request body under {@code limit}, or 413. A body declared over the limit is refused
     * unread when it is over the limit by more than {@link #SWALLOW_BYTES}; a smaller one is read
     * and thrown away first. A body with no declared length is refused after {@code limit + 1}
     * bytes, and up to {@link #SWALLOW_BYTES} more of it are thrown away.
     */
    static byte[] body(HttpExchange exchange, int limit) throws IOException {
        InputStream in = exchange.getRequestBody();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number: " + declared);
            }
            if (length > limit) {
                if (length - limit <= SWALLOW_BYTES) {
                    discard(in, length);
                }
                throw tooLarge(length + " bytes", limit);
            }
        }
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            discard(in, SWALLOW_BYTES);
            throw tooLarge("more than " + limit + " bytes", limit);
        }
        return bytes;
    }

    /** Reads and drops up to {@code max} bytes, stopping early at the body's end. */
    private static void discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = max;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= n;
        }
    }

    private static ApiException tooLarge(String size, int limit) {
        return new ApiException(413, "the request body is " + size + ", over the limit of " + limit + " bytes");
    }

    /** The body as one JSON object, or 400 with the parser's reason. */
    static JsonNode jsonObject(HttpExchange exchange, int limit) throws IOException {
        byte[] bytes = body(exchange, limit);
        if (bytes.length == 0) {
            throw ApiException.badRequest("the request has no body; send a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** The query parameters; a name given twice keeps its last value. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the query is not URL-encoded: " + pair);
            }
        }
        return out;
    }

    /** An integer query parameter within bounds, or its default. */
    static int intParam(Map<String, String> query, String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("query parameter " + name + " must be a whole number from " + min + " to "
                + max + ": " + value);
    }

    /** Sends a JSON answer and ends the exchange. */
    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends {@code {"status": code, "error": reason}}. */
    static void sendError(HttpExchange exchange, int status, String reason) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason);
        send(exchange, status, body);
    }

    /** A small JSON object from alternating names and values. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }
}
