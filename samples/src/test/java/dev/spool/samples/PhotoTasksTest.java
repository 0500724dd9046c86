package dev.spool.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.samples.photos.Album;
import dev.spool.samples.photos.AlbumsWorkflows;
import dev.spool.samples.photos.ImageRef;
import dev.spool.samples.photos.MailerTasks;
import dev.spool.samples.photos.PhotoMetadata;
import dev.spool.samples.photos.PhotoReport;
import dev.spool.samples.photos.RatingsTasks;
import dev.spool.samples.photos.Receipt;
import dev.spool.samples.photos.StorageTasks;
import dev.spool.samples.photos.Thumbnail;
import dev.spool.samples.photos.ThumbnailsTasks;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The samples' tasks through the generated stubs, the generated dispatch tables (found by the
 * worker through ServiceLoader) and a real Redis.
 */
class PhotoTasksTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NAMESPACE = LocalRedis.freshNamespace("samples");

    private static Spool spool;
    private static Worker worker;

    @BeforeAll
    static void startWorker() {
        spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(NAMESPACE).build();
        worker = Worker.builder(spool).concurrency(4).build().start();
    }

    @AfterAll
    static void stop() {
        worker.close();
        spool.close();
        SampleNamespace.delete(NAMESPACE);
    }

    @Test
    void workerFindsEveryGeneratedTableAndServesTheirQueues() {
        assertThat(worker.tasks()).contains(
                "Thumbnails.render", "Thumbnails.publish", "Storage.upload", "Mailer.notifyOwner", "Ratings.averages");
        assertThat(worker.queues()).contains("images", "io", "mail", "default");
    }

    @Test
    void renderReturnsATypedResult() {
        Job<Thumbnail> job = new ThumbnailsTasks(spool).render(new ImageRef("s3://p/a.png", 4000, 2000), 200);

        Thumbnail thumbnail = job.await(WAIT);

        assertThat(thumbnail.width()).isEqualTo(200);
        assertThat(thumbnail.height()).isEqualTo(100);
        assertThat(thumbnail.uri()).isEqualTo("s3://p/a@200.jpg");
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.task()).isEqualTo("Thumbnails.render");
        assertThat(job.queue()).isEqualTo("images");
    }

    @Test
    void genericArgumentsAndResultsKeepTheirTypes() {
        Map<String, Double> averages = new RatingsTasks(spool)
                .averages(Map.of("a", List.of(1, 2, 3, 4), "b", List.of(5)))
                .await(WAIT);

        assertThat(averages).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2.5, "b", 5.0));
        assertThat(averages.values()).allSatisfy(value -> assertThat(value).isInstanceOf(Double.class));

        List<Thumbnail> thumbnails = List.of(
                new Thumbnail("s3://p/1@64.jpg", 64, 48, "aa"), new Thumbnail("s3://p/2@64.jpg", 64, 40, "bb"));
        Album album = new ThumbnailsTasks(spool).publish(thumbnails, "Trip").await(WAIT);
        assertThat(album).isEqualTo(new Album("Trip", thumbnails));
    }

    @Test
    void aFailingTaskEndsAsAFailedJobWithItsReasonAndTheWorkerGoesOn() {
        MailerTasks mailer = new MailerTasks(spool);
        Receipt receipt = new StorageTasks(spool)
                .upload(new Thumbnail("s3://p/x@64.jpg", 64, 64, "cc")).await(WAIT);

        Job<String> bad = mailer.notifyOwner(receipt, "nobody");

        assertThatThrownBy(() -> bad.await(WAIT))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("not an e-mail address: nobody");
        assertThat(bad.status()).isEqualTo(JobStatus.FAILED);
        assertThat(bad.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(failure.stackTrace()).contains("Mailer.notifyOwner");
        });
        assertThat(mailer.notifyOwner(receipt, "ada@example.com").await(WAIT)).isEqualTo("sent to ada@example.com");
    }

    @Test
    void aGeneratedChainFeedsEachResultIntoTheNextStep() {
        Job<String> shipped = new AlbumsWorkflows(spool)
                .renderAndShip(new ImageRef("s3://p/beach.png", 3000, 2000), 300, "ada@example.com");

        assertThat(shipped.await(WAIT)).isEqualTo("sent to ada@example.com");
        assertThat(shipped.task()).isEqualTo("Mailer.notifyOwner");
    }

    @Test
    void aGeneratedListChordPublishesEveryThumbnailInInputOrder() {
        List<ImageRef> photos = java.util.stream.IntStream.rangeClosed(1, 30)
                .mapToObj(i -> new ImageRef("s3://p/trip-" + i + ".png", 1000 + i, 500))
                .toList();

        Album album = new AlbumsWorkflows(spool).album(photos, 100, "Trip").await(WAIT);

        assertThat(album.title()).isEqualTo("Trip");
        assertThat(album.thumbnails()).extracting(Thumbnail::uri).containsExactlyElementsOf(
                photos.stream().map(photo -> photo.uri().replace(".png", "@100.jpg")).toList());
    }

    @Test
    void theGeneratedAggregatorCombinesTwoWorkersResults() {
        ImageRef image = new ImageRef("s3://p/phone-sunset-dog.jpg", 1080, 1920);

        PhotoReport report = new AlbumsWorkflows(spool).analyze(image).await(WAIT);

        assertThat(report.uri()).isEqualTo(image.uri());
        assertThat(report.metadata()).isEqualTo(new PhotoMetadata("Pixel 9", 1080, 1920, false));
        assertThat(report.labels()).containsExactly("phone", "sunset", "dog");
    }

    @Test
    void aDelayedJobWaitsForItsTime() {
        Job<Thumbnail> job = new ThumbnailsTasks(spool)
                .with(options -> options.delay(Duration.ofSeconds(1)))
                .render(new ImageRef("s3://p/late.png", 100, 100), 10);

        assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(job.await(WAIT).width()).isEqualTo(10);
    }
}
