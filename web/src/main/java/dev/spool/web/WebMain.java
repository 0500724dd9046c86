package dev.spool.web;

import dev.spool.Spool;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the dashboard and the HTTP API on their own until SIGTERM or SIGINT:
 * {@code java -cp <app and spool-web jars> dev.spool.web.WebMain --port 8080}, or as the worker
 * main's {@code web} subcommand ({@link WebSubcommand}). The tasks it may enqueue are the generated
 * task tables on its class path. Prints the URL it serves once it listens.
 */
@Command(name = "spool-web", mixinStandardHelpOptions = true,
        description = "Serves Spool's dashboard and jobs HTTP API until SIGTERM or SIGINT.")
public final class WebMain implements Callable<Integer> {

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Redis to use (default: $REDIS_URL, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = Spool.DEFAULT_NAMESPACE,
            description = "key namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --token")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "name of the environment variable that holds the access token (at least 16 characters)")
    String tokenEnv;

    @Option(names = "--read-only", description = "refuse every state-changing request")
    boolean readOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Runs the command line; exits 0 after a stop signal, 2 for bad usage, 1 if it cannot start. */
    public static void main(String[] args) {
        int code = new CommandLine(new WebMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        String url = redisUrl != null ? redisUrl
                : System.getenv("REDIS_URL") != null ? System.getenv("REDIS_URL") : "redis://127.0.0.1:6379";
        String token = null;
        if (tokenEnv != null) {
            token = System.getenv(tokenEnv);
            if (token == null || token.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "environment variable " + tokenEnv + " (--token-env) is not set");
            }
        }
        Spool spool = Spool.builder().redisUrl(url).namespace(namespace).build();
        SpoolWeb web;
        try {
            web = SpoolWeb.builder(spool).bind(bind).port(port).token(token).readOnly(readOnly).start();
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
        spec.commandLine().getOut().println("Spool dashboard and API on " + web.url() + " (SIGTERM or Ctrl-C stops it)");
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            spool.close();
            stopped.countDown();
        }, "spool-web-stop"));
        stopped.await();
        return 0;
    }
}
