package dev.spool.worker;

/**
 * A subcommand that another module adds to the worker main ({@link WorkerCommand}), found with
 * {@link java.util.ServiceLoader} in {@code META-INF/services/dev.spool.worker.WorkerSubcommand}
 * when the worker starts. {@code spool-web} adds {@code web}, which serves the dashboard and the
 * HTTP API: the runtime does not depend on the modules that extend its command line.
 *
 * <p>A subcommand's failures are printed as one line and end the process with exit code 1, as the
 * operator commands' do.
 */
public interface WorkerSubcommand {

    /** Its name on the command line, such as {@code web}. */
    String name();

    /**
     * A new picocli command object for one run: a class annotated with {@code @Command} that is a
     * {@code Callable<Integer>} (its result is the exit code) or a {@code Runnable}.
     */
    Object command();
}
