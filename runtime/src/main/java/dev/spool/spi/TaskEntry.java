package dev.spool.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One row of a dispatch table: a task, the class that declares it, how to create that class when
 * no {@link dev.spool.TaskInstanceProvider} supplies it, and how to call the method.
 *
 * @param <O> the class that declares the task method
 * @param <R> the task's result type
 */
public final class TaskEntry<O, R> {

    private final TaskDescriptor<R> task;
    private final Class<O> ownerType;
    private final Supplier<? extends O> constructor;
    private final boolean isStatic;
    private final TaskInvoker<O, R> invoker;

    private TaskEntry(
            TaskDescriptor<R> task,
            Class<O> ownerType,
            Supplier<? extends O> constructor,
            boolean isStatic,
            TaskInvoker<O, R> invoker) {
        this.task = Objects.requireNonNull(task, "task");
        this.ownerType = Objects.requireNonNull(ownerType, "ownerType");
        this.constructor = constructor;
        this.isStatic = isStatic;
        this.invoker = Objects.requireNonNull(invoker, "invoker");
    }

    /**
     * A task that is an instance method.
     *
     * @param constructor creates the owner, or {@code null} when it has no accessible no-arg
     *     constructor and must come from a {@link dev.spool.TaskInstanceProvider}
     */
    public static <O, R> TaskEntry<O, R> of(
            TaskDescriptor<R> task,
            Class<O> ownerType,
            Supplier<? extends O> constructor,
            TaskInvoker<O, R> invoker) {
        return new TaskEntry<>(task, ownerType, constructor, false, invoker);
    }

    /** A task that is a static method; no owner instance is needed. */
    public static <O, R> TaskEntry<O, R> ofStatic(
            TaskDescriptor<R> task, Class<O> ownerType, TaskInvoker<O, R> invoker) {
        return new TaskEntry<>(task, ownerType, null, true, invoker);
    }

    /** The task. */
    public TaskDescriptor<R> task() {
        return task;
    }

    /** The class that declares the task method. */
    public Class<O> ownerType() {
        return ownerType;
    }

    /** Whether the task method is static. */
    public boolean isStatic() {
        return isStatic;
    }

    /** The generated constructor call, if the owner has an accessible no-arg constructor. */
    public Optional<Supplier<? extends O>> constructor() {
        return Optional.ofNullable(constructor);
    }

    /** The generated method call. */
    public TaskInvoker<O, R> invoker() {
        return invoker;
    }
}
