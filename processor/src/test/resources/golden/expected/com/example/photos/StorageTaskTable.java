package com.example.photos;

import dev.spool.spi.Arguments;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskInvoker;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of the {@code @Task} methods of {@link Storage}.
 * Workers find it through {@link ServiceLoader} and call each method directly, with no
 * reflection.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class StorageTaskTable implements TaskTable {
    /**
     * Creates the table; called by {@link ServiceLoader}.
     */
    public StorageTaskTable() {
    }

    @Override
    public Class<?> ownerType() {
        return Storage.class;
    }

    @Override
    public List<TaskEntry<?, ?>> entries() {
        List<TaskEntry<?, ?>> entries = new ArrayList<>(1);
        entries.add(TaskEntry.of(
                        StorageTasks.STORE,
                        Storage.class,
                        null,
                        new Call<>(0)));
        return List.copyOf(entries);
    }

    /**
     * Calls task {@code task} of this table directly: one class for all of its tasks.
     */
    private static final class Call<R> implements TaskInvoker<Storage, R> {
        private final int task;

        Call(int task) {
            this.task = task;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R invoke(Storage owner, Arguments args) throws Exception {
            Object result = null;
            switch (task) {
                case 0 -> result = owner.store(args.<Thumbnail>get(0));
                default -> throw new IllegalStateException("no task " + task);
            }
            return (R) result;
        }
    }
}
