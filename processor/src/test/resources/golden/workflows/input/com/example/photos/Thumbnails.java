package com.example.photos;

import dev.spool.annotations.Task;
import java.util.List;

/** Renders and publishes thumbnails. */
public class Thumbnails {
    @Task(queue = "images", retries = 3)
    public Thumbnail render(ImageRef image, int size) {
        return new Thumbnail(image, size, new byte[0]);
    }

    @Task
    public Album publish(List<Thumbnail> thumbnails, String title) {
        return new Album(title, List.of());
    }

    @Task
    public int count(List<Thumbnail> thumbnails) {
        return thumbnails.size();
    }

    @Task
    public void forget(ImageRef image) {}

    @Task
    public String describe(int count) {
        return count + " thumbnails";
    }
}
