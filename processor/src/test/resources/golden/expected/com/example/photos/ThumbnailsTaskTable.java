package com.example.photos;

import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of the {@code @Task} methods of {@link Thumbnails}.
 * Workers find it through {@link ServiceLoader} and call each method directly, with no
 * reflection.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class ThumbnailsTaskTable implements TaskTable {
    /**
     * Creates the table; called by {@link ServiceLoader}.
     */
    public ThumbnailsTaskTable() {
    }

    @Override
    public Class<?> ownerType() {
        return Thumbnails.class;
    }

    @Override
    public List<TaskEntry<?, ?>> entries() {
        List<TaskEntry<?, ?>> entries = new ArrayList<>(6);
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.RENDER_IMAGE_REF_INT,
                        Thumbnails.class,
                        Thumbnails::new,
                        (owner, args) -> owner.render(args.<ImageRef>get(0), args.<Integer>get(1))));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.RENDER_IMAGE_REF,
                        Thumbnails.class,
                        Thumbnails::new,
                        (owner, args) -> owner.render(args.<ImageRef>get(0))));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.RENDER_ALL,
                        Thumbnails.class,
                        Thumbnails::new,
                        (owner, args) -> owner.renderAll(args.<List<ImageRef>>get(0), args.<int[]>get(1))));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.PING,
                        Thumbnails.class,
                        Thumbnails::new,
                        (owner, args) -> {
                            owner.ping();
                            return null;
                        }));
        entries.add(TaskEntry.ofStatic(
                        ThumbnailsTasks.CACHED,
                        Thumbnails.class,
                        (owner, args) -> Thumbnails.cached(args.<String>get(0), args.<String>get(1))));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.TAG,
                        Thumbnails.class,
                        Thumbnails::new,
                        (owner, args) -> {
                            owner.tag(args.<String[]>get(0));
                            return null;
                        }));
        return List.copyOf(entries);
    }
}
