package com.example;

import dev.spool.Job;
import dev.spool.Spool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Enqueues jobs through the generated stubs and prints what comes back, one line each. Redis is
 * {@code $REDIS_URL} (else {@code redis://127.0.0.1:6379}); the namespace is the first argument
 * (else {@code spool}), the same as the worker's {@code --namespace}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        String namespace = args.length > 0 ? args[0] : "spool";
        Duration wait = Duration.ofSeconds(30);
        ImageRef image = new ImageRef("https://photos.example.com/beach.jpg", 4000, 3000);
        try (Spool spool = Spool.builder().redisUrl(url).namespace(namespace).build()) {
            ThumbnailsTasks tasks = new ThumbnailsTasks(spool);
            Job<Thumbnail> job = tasks.render(image, 256);
            Thumbnail thumbnail = job.await(wait);
            System.out.println("render: " + thumbnail);

            Job<Thumbnail> flaky = tasks.render(new ImageRef("https://photos.example.com/flaky.jpg", 100, 50), 10);
            flaky.await(wait);
            Job<Thumbnail> again = spool.job(flaky.queue(), flaky.id(), ThumbnailsTasks.RENDER.resultType());
            System.out.println("reattached: task " + again.task() + ", " + again.status() + " after "
                    + again.attempts() + " attempts");

            Receipt receipt = new StorageTasks(spool).upload(thumbnail).await(wait);
            System.out.println("upload: " + receipt);

            System.out.println("cached: " + tasks.cached(image, Optional.of("square")).await(wait));
            System.out.println("cached none: " + tasks.cached(image, Optional.empty()).await(wait));

            Album album = tasks.publish(List.of(thumbnail), "Beach").await(wait);
            System.out.println("album: " + album.title() + " with " + album.thumbnails().size() + " thumbnail(s)");
        }
    }
}
