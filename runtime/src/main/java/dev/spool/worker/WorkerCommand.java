package dev.spool.worker;

import dev.spool.Spool;
import dev.spool.TaskInstanceProvider;
import dev.spool.internal.RedisUrl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of a Spool worker. The generated worker main ends the JVM with the exit code
 * {@link #run} returns; the worker runs until SIGTERM or SIGINT, then
 * shuts down gracefully (see {@link Worker#close()}).
 *
 * <pre>
 * worker [--redis-url URL] [--namespace NS] [--queues a,b,c] [--concurrency N] [--shutdown-grace 30s]
 *        [--instance-provider com.example.MyProvider]
 * </pre>
 *
 * <p>Task classes with an {@code @Inject} constructor come from a {@link TaskInstanceProvider}: the
 * class named by {@code --instance-provider}, else the one listed in {@code
 * META-INF/services/dev.spool.TaskInstanceProvider} (found with {@link java.util.ServiceLoader}).
 * Either needs a public no-arg constructor; a provider that is {@link AutoCloseable} is closed after
 * the worker has stopped.
 */
@Command(name = "spool-worker", mixinStandardHelpOptions = true, versionProvider = WorkerCommand.Version.class,
        description = "Runs the Spool tasks found on the class path until SIGTERM or SIGINT.",
        subcommands = DeadCommand.class)
public final class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "redis://[user:password@]host:port[/db] or rediss:// (default: $REDIS_URL, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = Spool.DEFAULT_NAMESPACE,
            description = "key prefix (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--queues", paramLabel = "a,b,c", split = ",",
            description = "queues to serve, highest priority first (default: every queue of the tasks found)")
    List<String> queues;

    @Option(names = "--concurrency", paramLabel = "N", description = "jobs run at once (default: number of processors)")
    Integer concurrency;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = DurationConverter.class,
            description = "how long to wait for running jobs on shutdown, e.g. 30s or PT30S (default: 30s)")
    Duration shutdownGrace;

    @Option(names = "--instance-provider", paramLabel = "CLASS",
            description = "a dev.spool.TaskInstanceProvider that supplies task classes, e.g. from a DI container"
                    + " (default: the one in META-INF/services/dev.spool.TaskInstanceProvider, if any)")
    String instanceProvider;

    private final CountDownLatch stop = new CountDownLatch(1);

    /** Runs the command and returns its exit code: 0 after a clean shutdown, 1 on errors, 2 on usage errors. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            log.error("The worker failed: {}", e.getMessage(), e);
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        TaskInstanceProvider provider = InstanceProviders.find(instanceProvider,
                Thread.currentThread().getContextClassLoader());
        try {
            serve(provider);
        } finally {
            if (provider instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return 0;
    }

    private void serve(TaskInstanceProvider provider) {
        String url = resolveUrl(redisUrl);
        try (Spool spool = Spool.builder().redisUrl(url).namespace(namespace)
                .poolSize(Math.max(16, (concurrency == null ? Runtime.getRuntime().availableProcessors() : concurrency) + 8))
                .build()) {
            Worker.Builder builder = Worker.builder(spool).shutdownGrace(shutdownGrace).instanceProvider(provider);
            if (queues != null && !queues.isEmpty()) {
                builder.queues(queues);
            }
            if (concurrency != null) {
                builder.concurrency(concurrency);
            }
            Worker worker = builder.build();
            log.info("Spool worker on {} (namespace {}): tasks {}; queues {}", RedisUrl.parse(url), namespace,
                    worker.tasks(), worker.queues());
            Thread hook = new Thread(() -> {
                worker.close();
                stop.countDown();
            }, "spool-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            worker.start();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.close();
            }
        }
    }

    /** The URL given, else {@code $REDIS_URL}, else {@code redis://127.0.0.1:6379}. */
    static String resolveUrl(String given) {
        String fromEnvironment = System.getenv("REDIS_URL");
        return given != null ? given
                : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.trim()
                : "redis://127.0.0.1:6379";
    }

    /** Reads {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        }
    }

    /** The runtime's version, from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WorkerCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Spool worker " + (version == null ? "(development build)" : version)};
        }
    }
}
