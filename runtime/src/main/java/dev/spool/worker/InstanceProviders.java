package dev.spool.worker;

import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link TaskInstanceProvider} of the worker command: the class named by {@code
 * --instance-provider}, else the one listed in {@code META-INF/services/dev.spool.TaskInstanceProvider},
 * else none (task classes are then created through their no-arg constructors).
 */
final class InstanceProviders {

    private InstanceProviders() {}

    /** The provider to use, or {@code null} for none. */
    static TaskInstanceProvider find(String className, ClassLoader loader) {
        if (className != null && !className.isBlank()) {
            return create(className.trim(), loader);
        }
        List<ServiceLoader.Provider<TaskInstanceProvider>> found =
                ServiceLoader.load(TaskInstanceProvider.class, loader).stream().toList();
        if (found.size() > 1) {
            throw new SpoolException("more than one TaskInstanceProvider is listed in"
                    + " META-INF/services/dev.spool.TaskInstanceProvider: "
                    + String.join(", ", found.stream().map(p -> p.type().getName()).sorted().toList())
                    + "; choose one with --instance-provider");
        }
        return found.isEmpty() ? null : found.get(0).get();
    }

    private static TaskInstanceProvider create(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SpoolException("--instance-provider " + className + ": no such class on the class path", e);
        }
        if (!TaskInstanceProvider.class.isAssignableFrom(type)) {
            throw new SpoolException("--instance-provider " + className + " does not implement "
                    + TaskInstanceProvider.class.getName());
        }
        try {
            return (TaskInstanceProvider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new SpoolException("--instance-provider " + className + " needs a public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new SpoolException("--instance-provider " + className + " failed to start: " + e.getCause(),
                    e.getCause());
        } catch (InstantiationException e) {
            throw new SpoolException("--instance-provider " + className + " cannot be created: it is abstract", e);
        }
    }
}
