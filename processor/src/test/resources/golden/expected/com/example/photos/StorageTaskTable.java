package com.example.photos;

import dev.spool.spi.TaskEntry;
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
                        (owner, args) -> owner.store(args.<Thumbnail>get(0))));
        return List.copyOf(entries);
    }
}
