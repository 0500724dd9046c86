package com.example.photos;

import dev.spool.annotations.Task;

/** Stores thumbnails. */
public class Storage {
    @Task(name = "storage.upload")
    public String upload(Thumbnail thumbnail) {
        return "https://example.com/" + thumbnail.source().key();
    }

    @Task
    public void delete(String url) {}
}
