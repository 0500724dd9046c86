package com.example;

import dev.spool.annotations.Task;
import jakarta.inject.Inject;

/** A task class with an {@code @Inject} constructor: the worker gets it from {@link AppInstances}. */
public class Storage {
    private final BlobStore store;

    @Inject
    public Storage(BlobStore store) {
        this.store = store;
    }

    @Task(queue = "io")
    public Receipt upload(Thumbnail thumbnail) {
        return new Receipt(store.put(thumbnail.uri().substring(thumbnail.uri().lastIndexOf('/') + 1)));
    }
}
