package dev.spool.web;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The tasks this server may enqueue: those of the generated task tables it was given, or found on
 * its class path. A name is only ever looked up here, so nothing a client sends names a class.
 */
final class Tasks {

    private final Map<String, TaskDescriptor<?>> byName = new TreeMap<>();

    Tasks(Collection<TaskTable> tables) {
        for (TaskTable table : tables) {
            for (TaskEntry<?, ?> entry : table.entries()) {
                byName.put(entry.task().name(), entry.task());
            }
        }
    }

    static Tasks onClassPath() {
        java.util.List<TaskTable> tables = new java.util.ArrayList<>();
        ServiceLoader.load(TaskTable.class).forEach(tables::add);
        return new Tasks(tables);
    }

    Optional<TaskDescriptor<?>> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Collection<TaskDescriptor<?>> all() {
        return byName.values();
    }
}
