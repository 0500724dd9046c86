package dev.spool.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.localredis.LocalRedis;
import dev.spool.web.testing.ShopTasks;
import dev.spool.web.testing.WorkerMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The worker main serves the dashboard and the API with {@code web --port ...} when spool-web is on
 * its class path: a worker main run as its own process, as an operator runs it, with the
 * application's task table found on the class path as the worker finds it.
 */
class WebSubcommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("Spool dashboard and API on (http://127\\.0\\.0\\.1:\\d+/)");

    private final String namespace = LocalRedis.freshNamespace("websubcommand");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    @AfterEach
    void tearDown() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (JedisPooled jedis = new JedisPooled(LocalRedis.url())) {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(namespace + ":*").count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            keys.forEach(jedis::del);
        }
    }

    @Test
    void theWorkerMainServesTheApiOnThePortGivenAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        // the application's generated task table, registered as the processor registers one
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.spool.spi.TaskTable"), ShopTasks.Table.class.getName() + "\n");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        process = new ProcessBuilder(java, "-cp", dir + File.pathSeparator + System.getProperty("java.class.path"),
                WorkerMain.class.getName(), "web", "--port", "0", "--redis-url", LocalRedis.url(),
                "--namespace", namespace).redirectError(dir.resolve("stderr.txt").toFile()).start();
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> firstUrl(process));
        String base = url.get(30, TimeUnit.SECONDS);
        assertThat(base).as(() -> "the command printed the URL it serves; its standard error: "
                + read(dir.resolve("stderr.txt"))).isNotNull();

        HttpResponse<String> queues = get(base + "api/queues");
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(queues.body()).get("queues").isArray()).isTrue();

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "api/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"Shop.add\", \"args\": [2, 3]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode after = JSON.readTree(get(base + "api/queues").body()).get("queues");
        assertThat(after).singleElement().satisfies(q -> {
            assertThat(q.get("name").asText()).isEqualTo("default");
            assertThat(q.get("queued").asLong()).isEqualTo(1);
        });

        process.destroy(); // SIGTERM: the server closes and the process ends
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    }

    @Test
    void aBindBeyondLoopbackWithoutATokenIsRefusedInOneLine() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = dev.spool.worker.WorkerCommand.run("web", "--bind", "0.0.0.0", "--port", "0",
                    "--redis-url", LocalRedis.url(), "--namespace", namespace);
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs an access token", "--token-env")
                .doesNotContain("\tat ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The URL the command prints, or null if it ends without one; the rest of its output is drained. */
    private static String firstUrl(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
