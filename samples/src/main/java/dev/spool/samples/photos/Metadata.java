package dev.spool.samples.photos;

import dev.spool.annotations.Task;

/** Reads the metadata stored in photo files. The "worker 1" of the aggregator scenario. */
public class Metadata {

    /** Extracts a photo's metadata; runs on the {@code metadata} queue. */
    @Task(queue = "metadata")
    public PhotoMetadata extract(ImageRef image) {
        Thumbnails.simulateWork(15);
        String camera = image.uri().contains("phone") ? "Pixel 9" : "Fujifilm X-T5";
        return new PhotoMetadata(camera, image.width(), image.height(), image.width() >= image.height());
    }
}
