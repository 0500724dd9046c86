package com.example.photos;

import dev.spool.spi.Arguments;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskInvoker;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of the {@code @Task} methods of {@link Thumbnails}.
 * Workers find it through {@link ServiceLoader} and call each method directly, with no
 * reflection.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class ThumbnailsTaskTable implements TaskTable {
    private static final Supplier<Thumbnails> CONSTRUCTOR = Thumbnails::new;

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
                        CONSTRUCTOR,
                        new Call<>(0)));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.RENDER_IMAGE_REF,
                        Thumbnails.class,
                        CONSTRUCTOR,
                        new Call<>(1)));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.RENDER_ALL,
                        Thumbnails.class,
                        CONSTRUCTOR,
                        new Call<>(2)));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.PING,
                        Thumbnails.class,
                        CONSTRUCTOR,
                        new Call<>(3)));
        entries.add(TaskEntry.ofStatic(
                        ThumbnailsTasks.CACHED,
                        Thumbnails.class,
                        new Call<>(4)));
        entries.add(TaskEntry.of(
                        ThumbnailsTasks.TAG,
                        Thumbnails.class,
                        CONSTRUCTOR,
                        new Call<>(5)));
        return List.copyOf(entries);
    }

    /**
     * Calls task {@code task} of this table directly: one class for all of its tasks.
     */
    private static final class Call<R> implements TaskInvoker<Thumbnails, R> {
        private final int task;

        Call(int task) {
            this.task = task;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R invoke(Thumbnails owner, Arguments args) throws Exception {
            Object result = null;
            switch (task) {
                case 0 -> result = owner.render(args.<ImageRef>get(0), args.<Integer>get(1));
                case 1 -> result = owner.render(args.<ImageRef>get(0));
                case 2 -> result = owner.renderAll(args.<List<ImageRef>>get(0), args.<int[]>get(1));
                case 3 -> owner.ping();
                case 4 -> result = Thumbnails.cached(args.<String>get(0), args.<String>get(1));
                case 5 -> owner.tag(args.<String[]>get(0));
                default -> throw new IllegalStateException("no task " + task);
            }
            return (R) result;
        }
    }
}
