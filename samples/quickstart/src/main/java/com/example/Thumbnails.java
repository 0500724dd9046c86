package com.example;

import dev.spool.annotations.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The README's task class, plus a task with {@code Optional} both ways. */
public class Thumbnails {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    /** Scales a photo; a photo whose name contains "flaky" fails on its first run, then works. */
    @Task(queue = "images", retries = 2, timeout = "30s")
    public Thumbnail render(ImageRef image, int size) {
        int run = runs.computeIfAbsent(image.uri(), uri -> new AtomicInteger()).incrementAndGet();
        if (image.uri().contains("flaky") && run == 1) {
            throw new IllegalStateException("the image store did not answer");
        }
        int height = Math.max(1, image.height() * size / Math.max(1, image.width()));
        return new Thumbnail(image.uri().replace(".jpg", "-" + size + ".jpg"), size, height);
    }

    @Task
    public Album publish(List<Thumbnail> thumbnails, String title) {
        return new Album(title, thumbnails);
    }

    /** A thumbnail made earlier in this variant, if any; no variant means the default one. */
    @Task
    public Optional<Thumbnail> cached(ImageRef image, Optional<String> variant) {
        return variant.filter(v -> !v.equals("none")).map(v -> new Thumbnail(image.uri() + "#" + v, 64, 64));
    }
}
