package dev.spool.samples.photos;

import dev.spool.annotations.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Renders thumbnails of uploaded photos and publishes them as albums. */
public class Thumbnails {

    /**
     * Scales a photo so that its longer side is {@code size} pixels. CPU-bound, so it has a queue
     * of its own that image workers serve; a flaky render is tried twice more.
     */
    @Task(queue = "images", retries = 2, timeout = "30s")
    public Thumbnail render(ImageRef image, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("thumbnail size must be positive, was " + size);
        }
        double scale = (double) size / Math.max(image.width(), image.height());
        int width = Math.max(1, (int) Math.round(image.width() * scale));
        int height = Math.max(1, (int) Math.round(image.height() * scale));
        String uri = image.uri().replaceFirst("(\\.[a-z]+)?$", "@" + size + ".jpg");
        simulateWork(20);
        return new Thumbnail(uri, width, height, sha256(uri + ':' + width + 'x' + height));
    }

    /** Publishes rendered thumbnails as an album. */
    @Task
    public Album publish(List<Thumbnail> thumbnails, String title) {
        return new Album(title, List.copyOf(thumbnails));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static void simulateWork(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
