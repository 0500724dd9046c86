package dev.spool;

/**
 * Supplies the objects whose {@code @Task} methods a worker calls, for applications that build
 * their services with dependency injection. A worker asks once per class and reuses the instance
 * for every job, so task classes must be safe to call from several threads.
 *
 * <p>Without a provider, or when it returns {@code null}, the worker creates the class through
 * its accessible no-arg constructor (a direct, generated {@code new}, not reflection). A class
 * without one must be supplied here; the worker refuses to start otherwise.
 *
 * <pre>{@code
 * TaskInstanceProvider provider = type -> springContext.getBean(type);
 * }</pre>
 */
@FunctionalInterface
public interface TaskInstanceProvider {

    /** The instance to run {@code type}'s tasks on, or {@code null} to use its no-arg constructor. */
    <T> T instance(Class<T> type);
}
