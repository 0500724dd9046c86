package com.example.photos;

import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of the {@code @Task} methods of {@link Thumbnails.Uploader}.
 * Workers find it through {@link ServiceLoader} and call each method directly, with no
 * reflection.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class Thumbnails_UploaderTaskTable implements TaskTable {
    /**
     * Creates the table; called by {@link ServiceLoader}.
     */
    public Thumbnails_UploaderTaskTable() {
    }

    @Override
    public Class<?> ownerType() {
        return Thumbnails.Uploader.class;
    }

    @Override
    public List<TaskEntry<?, ?>> entries() {
        List<TaskEntry<?, ?>> entries = new ArrayList<>(1);
        entries.add(TaskEntry.of(
                        Thumbnails_UploaderTasks.UPLOAD,
                        Thumbnails.Uploader.class,
                        Thumbnails.Uploader::new,
                        (owner, args) -> owner.upload(args.<Thumbnail>get(0), args.<byte[]>get(1))));
        return List.copyOf(entries);
    }
}
