package dev.spool.samples;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.samples.photos.Album;
import dev.spool.samples.photos.Albums;
import dev.spool.samples.photos.AlbumsWorkflows;
import dev.spool.samples.photos.ImageRef;
import dev.spool.samples.photos.MailerTasks;
import dev.spool.samples.photos.PhotoReport;
import dev.spool.samples.photos.RatingsTasks;
import dev.spool.samples.photos.Receipt;
import dev.spool.samples.photos.StorageTasks;
import dev.spool.samples.photos.Thumbnail;
import dev.spool.samples.photos.ThumbnailsTasks;
import dev.spool.web.SpoolWeb;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The demo the README's first command runs: starts the generated worker main in a process of its
 * own, sends it work through the generated stubs, and prints what happens.
 */
public final class Demo {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        String redisUrl = LocalRedis.url();
        String namespace = LocalRedis.freshNamespace("demo");
        say("Redis: %s, namespace %s", redisUrl, namespace);

        Process worker = startWorker(redisUrl, namespace);
        try (Spool spool = Spool.builder().redisUrl(redisUrl).namespace(namespace).build();
                SpoolWeb web = startDashboard(spool)) {
            say("Dashboard and jobs API: %s (open it while the demo runs)", web.url());
            runScenarios(spool);
        } finally {
            say("Stopping the worker with SIGTERM; it finishes or hands back what it holds");
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                say("The worker did not stop within 60 s; killing it");
                worker.destroyForcibly().waitFor();
            }
            int exitCode = worker.exitValue();
            say("Worker exited with code %d%s", exitCode, exitCode == 143 ? " (stopped by SIGTERM)" : "");
            say("Removing the demo's keys: %d", removeKeys(redisUrl, namespace));
        }
        say("Demo finished");
    }

    /** The dashboard on port 8080, or on a free port when 8080 is taken. */
    private static SpoolWeb startDashboard(Spool spool) {
        try {
            return SpoolWeb.builder(spool).port(8080).start();
        } catch (java.io.UncheckedIOException taken) {
            return SpoolWeb.builder(spool).port(0).start();
        }
    }

    private static void runScenarios(Spool spool) {
        ThumbnailsTasks thumbnails = new ThumbnailsTasks(spool);
        StorageTasks storage = new StorageTasks(spool);
        MailerTasks mailer = new MailerTasks(spool);
        RatingsTasks ratings = new RatingsTasks(spool);

        say("1. Render thumbnails of 6 photos on the 'images' queue");
        List<Job<Thumbnail>> renders = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Job<Thumbnail> job = thumbnails.render(new ImageRef("s3://photos/holiday-" + i + ".png", 4000, 3000 - 100 * i), 256);
            say("   enqueued %s (%s), status %s", job.id(), job.task(), job.status());
            renders.add(job);
        }
        List<Thumbnail> rendered = new ArrayList<>();
        for (Job<Thumbnail> job : renders) {
            Thumbnail thumbnail = job.await(WAIT);
            rendered.add(thumbnail);
            say("   %s -> %s (%dx%d)", job.id(), thumbnail.uri(), thumbnail.width(), thumbnail.height());
        }

        say("2. Upload the first thumbnail ('io' queue), then mail its owner ('mail' queue)");
        Receipt receipt = storage.upload(rendered.get(0)).await(WAIT);
        say("   stored at %s (%d bytes)", receipt.url(), receipt.bytes());
        say("   %s", mailer.notifyOwner(receipt, "ada@example.com").await(WAIT));

        say("3. Publish an album: a List<Thumbnail> travels as a typed argument");
        Album album = thumbnails.publish(rendered, "Holiday").await(WAIT);
        say("   album '%s' with %d thumbnails", album.title(), album.thumbnails().size());

        say("4. Generic types both ways: Map<String, List<Integer>> in, Map<String, Double> out");
        Map<String, Double> averages = ratings.averages(Map.of(
                "holiday-1", List.of(5, 4, 5), "holiday-2", List.of(3, 4))).await(WAIT);
        say("   averages %s", averages);

        say("5. A job delayed by 2 seconds");
        Instant enqueuedAt = Instant.now();
        Job<Thumbnail> delayed = thumbnails.with(options -> options.delay(Duration.ofSeconds(2)))
                .render(new ImageRef("s3://photos/later.png", 800, 600), 128);
        say("   %s is %s", delayed.id(), delayed.status());
        delayed.await(WAIT);
        say("   ran after %d ms", Duration.between(enqueuedAt, Instant.now()).toMillis());

        say("6. A task that throws: the job fails with a readable reason, the worker carries on");
        Job<String> bad = mailer.notifyOwner(receipt, "not-an-address");
        try {
            bad.await(WAIT);
            say("   unexpected: the job succeeded");
        } catch (JobFailedException e) {
            say("   %s is %s: %s", bad.id(), bad.status(), e.failure());
        }
        say("   and the worker still works: %s", mailer.notifyOwner(receipt, "grace@example.com").await(WAIT));

        Albums albums = new AlbumsWorkflows(spool);

        say("7. A chain: render -> upload -> mail, each step fed by the one before");
        Job<String> shipped = albums.renderAndShip(new ImageRef("s3://photos/beach.png", 3000, 2000), 512, "ada@example.com");
        say("   chain's last step %s is %s", shipped.id(), shipped.status());
        say("   %s", shipped.await(WAIT));

        say("8. A chord over a list: 20 renders in parallel, then one album with all of them, in order");
        List<ImageRef> photos = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            photos.add(new ImageRef("s3://photos/trip-" + i + ".png", 4000, 3000));
        }
        Job<Album> trip = albums.album(photos, 128, "Trip");
        Album tripAlbum = trip.await(WAIT);
        say("   album '%s': %d thumbnails, first %s, last %s", tripAlbum.title(), tripAlbum.thumbnails().size(),
                tripAlbum.thumbnails().get(0).uri(), tripAlbum.thumbnails().get(19).uri());

        say("9. Seed 000's aggregator: metadata and vision run in parallel on their own queues, then one report");
        PhotoReport report = albums.analyze(new ImageRef("s3://photos/phone-sunset-dog.jpg", 1080, 1920)).await(WAIT);
        say("   %s: camera %s, landscape %s, labels %s", report.uri(), report.metadata().camera(),
                report.metadata().landscape(), report.labels());
    }

    private static Process startWorker(String redisUrl, String namespace) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.showShortLogName=true",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                SpoolWorkerMain.class.getName(),
                "--redis-url", redisUrl, "--namespace", namespace,
                "--queues", "images,io,mail,metadata,vision,default", "--concurrency", "4");
        say("Starting the generated worker main, %s, in a process of its own;", SpoolWorkerMain.class.getName());
        say("its log lines are the ones naming a spool-* thread");
        return new ProcessBuilder(command).inheritIO().start();
    }

    /** Deletes every key of the demo's namespace, so that a shared Redis keeps nothing of it. */
    private static int removeKeys(String redisUrl, String namespace) {
        int removed = 0;
        try (JedisPooled redis = new JedisPooled(URI.create(redisUrl))) {
            ScanParams match = new ScanParams().match(namespace + ":*").count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                for (String key : page.getResult()) {
                    removed += (int) redis.del(key);
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return removed;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
