package dev.spool.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.localredis.LocalRedis;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code samples/quickstart} the way the README's Quickstart tells a user: the project was
 * built by Maven from the README's own {@code pom.xml} (maven-invoker-plugin, before this test);
 * here its generated worker main runs with {@code java -cp "target/photos-1.0.jar:target/lib/*"},
 * and the project's own program enqueues jobs through the generated stubs. Redis is the one the
 * tests use ({@code REDIS_URL}, else 127.0.0.1:6379, else an embedded server), in a fresh namespace.
 */
class QuickstartIT {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path project = Path.of(System.getProperty("spool.quickstart", "target/it/quickstart"));
    private final String redisUrl = LocalRedis.url();
    private final String namespace = LocalRedis.freshNamespace("quickstart");
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void builtAsTheReadmeSays() {
        assertThat(project.resolve("target/photos-1.0.jar")).isRegularFile();
        assertThat(project.resolve("target/lib/spool-runtime-0.1.0-SNAPSHOT.jar")).isRegularFile();
        assertThat(project.resolve("target/classes/com/example/SpoolWorkerMain.class")).isRegularFile();
        // the processor ran on the main sources only: the test sources' task gets no worker main
        assertThat(project.resolve("target/test-classes/com/example/fixtures/SampleImages.class")).isRegularFile();
        assertThat(project.resolve("target/test-classes/com/example/fixtures/SpoolWorkerMain.class")).doesNotExist();
        assertThat(project.resolve("target/test-classes/com/example/fixtures/SampleImagesTasks.class")).doesNotExist();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/photos-1.0.jar" + File.pathSeparator + "target/lib/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REDIS_URL", redisUrl);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static String text(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void theWorkerMainServesTheJobsOfTheProjectsProgram() throws Exception {
        Path workerLog = project.resolve("target/worker.log");
        Process worker = java(workerLog, "com.example.SpoolWorkerMain", "--redis-url", redisUrl,
                "--namespace", namespace, "--concurrency", "4");
        await().atMost(START).pollInterval(Duration.ofMillis(100))
                .until(() -> text(workerLog).contains("Spool worker on") || !worker.isAlive());
        assertThat(worker.isAlive()).as(text(workerLog)).isTrue();
        assertThat(text(workerLog)).contains("4 task(s); queues [default, images, io]");

        Path mainLog = project.resolve("target/main.log");
        Process main = java(mainLog, "com.example.Main", namespace);
        assertThat(main.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as(text(mainLog)).isTrue();
        assertThat(main.exitValue()).as(text(mainLog)).isZero();
        assertThat(text(mainLog)).contains(
                "render: Thumbnail[uri=https://photos.example.com/beach-256.jpg, width=256, height=192]",
                "reattached: task Thumbnails.render, SUCCEEDED after 2 attempts",
                "upload: Receipt[url=https://cdn.example.com/thumbnails/beach-256.jpg]",
                "cached: Optional[Thumbnail[uri=https://photos.example.com/beach.jpg#square, width=64, height=64]]",
                "cached none: Optional.empty",
                "album: Beach with 1 thumbnail(s)");
        // the retried job's first failure is visible through the logging backend the README adds
        assertThat(text(workerLog)).contains("the image store did not answer");

        worker.destroy(); // SIGTERM: a clean shutdown; the JVM's status is then 128 + 15
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as(text(workerLog)).isTrue();
        assertThat(worker.exitValue()).as(text(workerLog)).isIn(0, 143);
        assertThat(text(workerLog)).contains("shutting down: 0 job(s) in hand", "stopped");
    }
}
