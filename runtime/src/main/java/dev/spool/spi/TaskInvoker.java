package dev.spool.spi;

/**
 * Calls one task method directly on its owner. Generated dispatch tables implement it with a
 * lambda, so a worker runs tasks with no reflection.
 *
 * @param <O> the class that declares the task method
 * @param <R> the task's result type
 */
@FunctionalInterface
public interface TaskInvoker<O, R> {

    /** Runs the task method on {@code owner} (unused for a static method) with these arguments. */
    R invoke(O owner, Arguments arguments) throws Exception;
}
