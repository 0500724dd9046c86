package dev.spool;

/**
 * Supplies the objects whose {@code @Task} methods a worker calls, for applications that build
 * their services with dependency injection. A worker asks once per class, when it is built, and
 * reuses the instance for every job, so task classes must be safe to call from several threads.
 *
 * <p>Without a provider, or when it returns {@code null}, the worker creates the class through
 * its accessible no-arg constructor (a direct, generated {@code new}, not reflection). A class
 * without one must be supplied here; the worker refuses to start otherwise, and also when the
 * provider returns an object that is not an instance of the class asked for.
 *
 * <pre>{@code
 * Worker worker = Worker.builder(spool)
 *         .instanceProvider(type -> springContext.getBean(type))
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>The generated worker main finds a provider through {@link java.util.ServiceLoader}: list an
 * implementation with a public no-arg constructor in {@code
 * META-INF/services/dev.spool.TaskInstanceProvider}, or name it with {@code --instance-provider}.
 */
@FunctionalInterface
public interface TaskInstanceProvider {

    /**
     * The instance to run {@code type}'s tasks on, or {@code null} to use its no-arg constructor.
     *
     * @param type a class that declares {@code @Task} instance methods
     * @return an instance of {@code type}, or {@code null}
     */
    Object instance(Class<?> type);
}
