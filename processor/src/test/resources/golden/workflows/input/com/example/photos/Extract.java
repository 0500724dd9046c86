package com.example.photos;

import dev.spool.annotations.Task;
import java.util.List;

/** Extracts parts of documents. */
public class Extract {
    @Task
    public String text(String documentId) {
        return documentId;
    }

    @Task
    public List<ImageRef> images(String documentId) {
        return List.of();
    }

    @Task
    public Summary merge(String text, List<ImageRef> images, String documentId) {
        return new Summary(text.length(), images.size());
    }
}
