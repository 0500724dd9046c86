package dev.spool.worker;

import dev.spool.Spool;
import dev.spool.TaskInstanceProvider;
import dev.spool.internal.RedisTopology;
import dev.spool.naming.Names;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of a Spool worker. The generated worker main ends the JVM with the exit code
 * {@link #run} returns; the worker runs until SIGTERM or SIGINT, then shuts down gracefully (see
 * {@link Worker#close()}): 0 after a clean drain, 128 + the signal's number if the shutdown grace
 * expired with jobs handed back, {@link #UNHEALTHY} (3) when the worker became unhealthy (stuck task
 * threads; a supervisor should restart it). A second signal stops the process at once.
 *
 * <pre>
 * worker [--redis-url URL] [--namespace NS] [--queues a,b,c] [--concurrency N] [--shutdown-grace 30s]
 *        [--instance-provider com.example.MyProvider] [--prefetch N] [--reservation 5s] [--lease 30s]
 *        [--maintenance-interval 1s] [--retry-backoff 1s] [--reclaim-limit N] [--keep-results true|false]
 *        [--max-stuck-threads N] [--worker-id ID]
 * </pre>
 *
 * <p>Subcommands: the operator's ({@code queues}, {@code jobs}, {@code job}, {@code pause}, {@code
 * resume}, {@code purge}, {@code cancel}, {@code workers}, {@code dead}), and those other modules
 * add ({@link WorkerSubcommand}): {@code web --port 8080} serves the dashboard and the HTTP API when
 * {@code spool-web} is on the class path, and says to add it when it is not.
 *
 * <p>Task classes with an {@code @Inject} constructor come from a {@link TaskInstanceProvider}: the
 * class named by {@code --instance-provider}, else the one listed in {@code
 * META-INF/services/dev.spool.TaskInstanceProvider} (found with {@link java.util.ServiceLoader}).
 * Either needs a public no-arg constructor; a provider that is {@link AutoCloseable} is closed after
 * the worker has stopped.
 */
@Command(name = "spool-worker", mixinStandardHelpOptions = true, versionProvider = WorkerCommand.Version.class,
        description = "Runs the Spool tasks found on the class path until SIGTERM or SIGINT.",
        subcommands = {DeadCommand.class, OperatorCommands.Queues.class, OperatorCommands.Jobs.class,
                OperatorCommands.ShowJob.class, OperatorCommands.Pause.class, OperatorCommands.Resume.class,
                OperatorCommands.Purge.class, OperatorCommands.Repair.class, OperatorCommands.Cancel.class,
                OperatorCommands.Workers.class})
public final class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "redis://[user:password@]host:port[/db], rediss:// (TLS), redis-cluster://host:port,host:port or redis-sentinel://host:port,host:port/master (default: $REDIS_URL, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = Spool.DEFAULT_NAMESPACE,
            description = "key prefix (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--queues", paramLabel = "a,b,c", split = ",",
            description = "queues to serve, highest priority first (default: every queue of the tasks found);"
                    + " with weights, a:6,b:2,c, asked in a random order by weight before every fetch (missing: 1)")
    List<String> queues;

    @Option(names = "--concurrency", paramLabel = "N", description = "jobs run at once (default: number of processors)")
    Integer concurrency;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = DurationConverter.class,
            description = "how long to wait for running jobs on shutdown, e.g. 30s, 2m or PT30S (default: 30s)")
    Duration shutdownGrace;

    /** The exit code of a worker that stopped because it became unhealthy (see {@link Worker#healthy()}). */
    public static final int UNHEALTHY = 3;

    @Option(names = "--instance-provider", paramLabel = "CLASS",
            description = "a dev.spool.TaskInstanceProvider that supplies task classes, e.g. from a DI container"
                    + " (default: the one in META-INF/services/dev.spool.TaskInstanceProvider, if any)")
    String instanceProvider;

    @CommandLine.Mixin
    WorkerSettings settings = new WorkerSettings();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private volatile boolean unhealthy;

    /**
     * Runs the command and returns its exit code: 0 after a clean shutdown (every running job
     * finished within the grace), 143 after SIGTERM (130 after SIGINT) if the grace expired and
     * running jobs were handed back, 1 on errors, 2 on usage errors.
     */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        WorkerSubcommands extensions = new WorkerSubcommands().addTo(commandLine,
                Thread.currentThread().getContextClassLoader());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (cmd.getCommand() instanceof OperateCommand || extensions.added(cmd.getCommand())) { // one line, no stack trace
                cmd.getErr().println(e.getMessage());
                cmd.getErr().flush();
                return e instanceof IllegalArgumentException ? 2 : 1;
            }
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
            return serve(provider);
        } finally {
            if (provider instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private int serve(TaskInstanceProvider provider) {
        String url = resolveUrl(redisUrl);
        try (Spool spool = Spool.builder().redisUrl(url).namespace(namespace)
                .poolSize(Math.max(16, (concurrency == null ? Runtime.getRuntime().availableProcessors() : concurrency) + 8))
                .build()) {
            Worker.Builder builder = Worker.builder(spool).shutdownGrace(shutdownGrace).instanceProvider(provider);
            try {
                if (queues != null && !queues.isEmpty()) {
                    queueChoice(builder, queues);
                }
                if (concurrency != null) {
                    builder.concurrency(concurrency);
                }
                if (settings != null) {
                    settings.applyTo(builder);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (StopSignals signals = new StopSignals()) {
                builder.onUnhealthy(() -> {
                    unhealthy = true;
                    signals.stopWithoutSignal();
                });
                Worker worker = builder.build();
                log.info("Spool worker on {} (namespace {}): {} task(s); queues {}", RedisTopology.parse(url), namespace,
                        worker.tasks().size(), worker.queues());
                signals.install();
                return runUntilStopped(worker, signals);
            }
        }
    }

    /** {@code --queues a,b} in strict order, or {@code a:6,b:2} weighted (a queue name has no colon). */
    static void queueChoice(Worker.Builder builder, List<String> queues) {
        if (queues.stream().noneMatch(q -> q.contains(":"))) {
            builder.queues(queues);
            return;
        }
        java.util.Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        for (String entry : queues) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            try {
                weights.put(name, colon < 0 ? 1 : Integer.parseInt(entry.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--queues: the weight in \"" + entry + "\" is not a number");
            }
        }
        builder.queueWeights(weights);
    }

    /** Runs the worker until a stop signal (or the JVM's shutdown), drains it; returns the exit code. */
    private int runUntilStopped(Worker worker, StopSignals signals) {
        Thread hook = new Thread(() -> { // the JVM shuts down for another reason: System.exit, SIGHUP, ...
            worker.close();
            signals.stopWithoutSignal();
        }, "spool-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        worker.start();
        try {
            signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean clean = worker.drain();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook has closed the worker
        }
        if (unhealthy) {
            log.error("The worker stopped because it became unhealthy (stuck task threads); exit code {} asks its"
                    + " supervisor to restart it", UNHEALTHY);
            return UNHEALTHY;
        }
        if (!clean && signals.received() > 0) {
            log.warn("The shutdown grace ({}) expired; unfinished jobs were handed back to their queues", shutdownGrace);
            return 128 + signals.received();
        }
        return 0;
    }

    /** The URL given, else {@code $REDIS_URL}, else {@code redis://127.0.0.1:6379}. */
    static String resolveUrl(String given) {
        String fromEnvironment = System.getenv("REDIS_URL");
        return given != null ? given
                : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.trim()
                : "redis://127.0.0.1:6379";
    }

    /**
     * Reads a duration with the syntax of {@code @Task(timeout = ...)} ({@link Names#DURATION_SYNTAX}):
     * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}).
     */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = Names.parseDuration(value.trim()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "\"" + value + "\" is not a duration; write " + Names.DURATION_SYNTAX));
            if (duration.isNegative()) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" is negative");
            }
            return duration;
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
