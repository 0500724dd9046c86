package dev.spool.samples.photos;

import dev.spool.annotations.Task;

/** Stores thumbnails where the web site can serve them. */
public class Storage {

    private static final String CDN = "https://cdn.example.com/";

    /** Uploads a thumbnail; I/O-bound, so it has its own queue. */
    @Task(queue = "io", retries = 3)
    public Receipt upload(Thumbnail thumbnail) {
        Thumbnails.simulateWork(10);
        String name = thumbnail.uri().substring(thumbnail.uri().lastIndexOf('/') + 1);
        long bytes = 64L * thumbnail.width() * thumbnail.height() / 100;
        return new Receipt(CDN + thumbnail.checksum() + "/" + name, bytes);
    }
}
