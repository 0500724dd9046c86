package com.example.photos;

import dev.spool.annotations.Task;

/** Stores thumbnails; the application's TaskInstanceProvider supplies the implementation. */
public interface Storage {

    @Task(queue = "io", retries = 5)
    default String store(Thumbnail thumbnail) {
        return thumbnail.uri();
    }
}
