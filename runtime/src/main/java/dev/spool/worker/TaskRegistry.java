package dev.spool.worker;

import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;
import dev.spool.spi.Arguments;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tasks a worker runs, by name: built once from the generated dispatch tables, validated
 * eagerly (as Retrofit's {@code validateEagerly} does), so that a worker that cannot run one of
 * its tasks refuses to start instead of failing jobs later.
 */
final class TaskRegistry {

    private final Map<String, Dispatch> tasks;

    private TaskRegistry(Map<String, Dispatch> tasks) {
        this.tasks = tasks;
    }

    /**
     * One task, ready to call.
     *
     * @param entry the generated entry (descriptor and invoker)
     * @param owner the instance its method runs on, or null for a static method
     */
    record Dispatch(TaskEntry<Object, Object> entry, Object owner) {

        Object invoke(Object[] arguments) throws Exception {
            return entry.invoker().invoke(owner, new Args(arguments));
        }

        boolean notWorthRetrying(Throwable error, List<String> perCall) {
            return RetryPolicy.notWorthRetrying(error, entry.task().noRetryFor(), perCall);
        }
    }

    private record Args(Object[] values) implements Arguments {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(int index) {
            return (T) values[index];
        }
    }

    /** The task of this name, or null. */
    Dispatch get(String task) {
        return tasks.get(task);
    }

    /** Every task name, sorted. */
    Set<String> names() {
        return new TreeSet<>(tasks.keySet());
    }

    /** The tasks with an {@code @Periodic} schedule, by name. */
    List<TaskDescriptor<?>> periodic() {
        return tasks.values().stream().<TaskDescriptor<?>>map(d -> d.entry().task())
                .filter(t -> t.periodic().isPresent()).toList();
    }

    /** Whether a task has a {@code @Task(concurrencyKey)}: the worker's queues are then marked as keyed. */
    boolean hasConcurrencyKeys() {
        return tasks.values().stream().anyMatch(d -> d.entry().task().concurrency().isPresent());
    }

    /** The queues of the tasks, sorted. */
    List<String> queues() {
        return tasks.values().stream().map(d -> d.entry().task().queue()).distinct().sorted().toList();
    }

    /**
     * Loads the tables (every one {@link ServiceLoader} finds when {@code tables} is null), checks
     * that task names are unique, and creates each owner once: from the provider, else through
     * its no-arg constructor.
     *
     * @throws SpoolException naming every problem found
     */
    @SuppressWarnings("unchecked")
    static TaskRegistry load(List<TaskTable> tables, TaskInstanceProvider provider) {
        List<TaskTable> found = tables != null ? tables
                : ServiceLoader.load(TaskTable.class).stream().map(ServiceLoader.Provider::get).toList();
        Map<String, TaskEntry<?, ?>> entries = new TreeMap<>();
        Map<String, String> tableOf = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (TaskTable table : found) {
            for (TaskEntry<?, ?> entry : table.entries()) {
                String task = entry.task().name();
                if (entries.putIfAbsent(task, entry) != null) {
                    problems.add("task \"" + task + "\" is declared twice: by " + tableOf.get(task)
                            + " and by " + table.ownerType().getName() + "; task names must be unique");
                } else {
                    tableOf.put(task, table.ownerType().getName());
                }
            }
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("no tasks found: pass task tables to Worker.Builder.taskTables, or put the generated"
                    + " tables (META-INF/services/dev.spool.spi.TaskTable) on the class path");
        }
        Map<Class<?>, Object> owners = owners(entries.values(), provider, problems);
        if (!problems.isEmpty()) {
            throw new SpoolException("the worker cannot start:\n  - " + String.join("\n  - ", problems));
        }
        Map<String, Dispatch> dispatch = new LinkedHashMap<>();
        for (TaskEntry<?, ?> entry : entries.values()) {
            dispatch.put(entry.task().name(),
                    new Dispatch((TaskEntry<Object, Object>) entry, entry.isStatic() ? null : owners.get(entry.ownerType())));
        }
        return new TaskRegistry(Map.copyOf(dispatch));
    }

    private static Map<Class<?>, Object> owners(Iterable<TaskEntry<?, ?>> entries, TaskInstanceProvider provider,
            List<String> problems) {
        Map<Class<?>, Object> owners = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        for (TaskEntry<?, ?> entry : entries) {
            Class<?> type = entry.ownerType();
            if (entry.isStatic() || owners.containsKey(type)) {
                continue;
            }
            Object owner = dev.spool.internal.TaskOwners.provided(provider, type);
            if (owner == null && entry.constructor().isPresent()) {
                try {
                    owner = entry.constructor().get().get();
                } catch (RuntimeException e) {
                    problems.add("creating " + type.getName() + " for its tasks failed: " + e);
                    continue;
                }
            }
            if (owner == null) {
                missing.add(type.getName());
            } else {
                owners.put(type, owner);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("no instance for the task owner(s) " + String.join(", ", missing)
                    + ": give them an accessible no-arg constructor or supply them through a TaskInstanceProvider");
        }
        return owners;
    }
}
