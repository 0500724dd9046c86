package com.example.photos;

import dev.spool.annotations.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders thumbnails of photos. */
public class Thumbnails {

    @Task(queue = "images", retries = 3, timeout = "30s", noRetryFor = IllegalArgumentException.class)
    public Thumbnail render(ImageRef image, int size) {
        return new Thumbnail(image.uri(), size);
    }

    @Task(name = "Thumbnails.renderDefault")
    public Thumbnail render(ImageRef image) {
        return render(image, 256);
    }

    @Task
    public List<Map<String, Thumbnail>> renderAll(List<ImageRef> images, int[] sizes) {
        return List.of();
    }

    @Task(timeout = "PT1.5S", expires = "10m")
    public void ping() {}

    @Task(queue = "maintenance")
    public static Optional<Thumbnail> cached(String spool, String options) {
        return Optional.empty();
    }

    @Task
    void tag(String... tags) {}

    /** Uploads thumbnails. */
    public static class Uploader {

        @Task(timeout = "2h")
        public String upload(Thumbnail thumbnail, byte[] content) {
            return thumbnail.uri();
        }
    }
}
