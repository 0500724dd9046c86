package com.example;

import dev.spool.TaskInstanceProvider;

/** The README's provider, listed in META-INF/services/dev.spool.TaskInstanceProvider. */
public class AppInstances implements TaskInstanceProvider {
    private final Storage storage = new Storage(new BlobStore("thumbnails"));

    @Override
    public Object instance(Class<?> type) {
        return type == Storage.class ? storage : null;    // null: use the no-arg constructor
    }
}
