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
 * The dispatch table of the {@code @Task} methods of {@link Thumbnails.Uploader}.
 * Workers find it through {@link ServiceLoader} and call each method directly, with no
 * reflection.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class Thumbnails_UploaderTaskTable implements TaskTable {
    private static final Supplier<Thumbnails.Uploader> CONSTRUCTOR = Thumbnails.Uploader::new;

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
                        CONSTRUCTOR,
                        new Call<>(0)));
        return List.copyOf(entries);
    }

    /**
     * Calls task {@code task} of this table directly: one class for all of its tasks.
     */
    private static final class Call<R> implements TaskInvoker<Thumbnails.Uploader, R> {
        private final int task;

        Call(int task) {
            this.task = task;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R invoke(Thumbnails.Uploader owner, Arguments args) throws Exception {
            Object result = null;
            switch (task) {
                case 0 -> result = owner.upload(args.<Thumbnail>get(0), args.<byte[]>get(1));
                default -> throw new IllegalStateException("no task " + task);
            }
            return (R) result;
        }
    }
}
