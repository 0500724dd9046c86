package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One process of the BullMQ harness ({@code bench/bullmq/harness.mjs}), driven over stdin/stdout
 * with one JSON object per line each way; every command gets one reply.
 */
final class NodeHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final Process process;
    private final PrintWriter in;
    private final LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();

    NodeHarness(String label, String node, Path dir, int redisPort) throws IOException {
        this.label = label;
        process = new ProcessBuilder(node, "harness.mjs", "127.0.0.1", Integer.toString(redisPort))
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    try {
                        replies.add(JSON.readTree(line));
                    } catch (IOException e) {
                        System.out.println("[" + label + "] " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            replies.add(JSON.createObjectNode().put("ok", false).put("error", "the harness process ended"));
        }, "bench-" + label + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A command: {@code op} and then name, value pairs. */
    static ObjectNode command(String op, Object... fields) {
        ObjectNode c = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            c.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return c;
    }

    void send(ObjectNode command) {
        in.println(command.toString());
    }

    /** The next reply; fails with the harness's error if it reports one. */
    JsonNode expect(String op) throws InterruptedException {
        JsonNode reply = replies.poll(5, TimeUnit.MINUTES);
        if (reply == null) {
            throw new IllegalStateException(label + " did not answer " + op + " within 5 minutes");
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IllegalStateException(label + " failed " + op + ": " + reply.path("error").asText());
        }
        return reply;
    }

    JsonNode call(String op, Object... fields) throws InterruptedException {
        send(command(op, fields));
        return expect(op);
    }

    long pid() {
        return process.pid();
    }

    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        try {
            send(command("exit"));
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (Exception e) {
            process.destroy();
        }
    }
}
