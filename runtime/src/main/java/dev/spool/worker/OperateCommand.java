package dev.spool.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spool.Spool;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * What the operator commands of the worker main share ({@code queues}, {@code jobs}, {@code job},
 * {@code pause}, {@code resume}, {@code purge}, {@code repair}, {@code cancel}, {@code workers}): the connection
 * options, {@code --json}, and printing. Each command is a thin layer over the public inspection
 * and control API ({@link Spool#queues()}, {@link dev.spool.JobQueue}, {@link Spool#workers()}).
 * Exit codes: 0 done, 1 not found (or nothing done), 2 bad usage.
 */
abstract class OperateCommand {

    /** Exit code when a queue, job or worker is not found. */
    static final int NOT_FOUND = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new Jdk8Module()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    @Option(names = "--redis-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "redis://[user:password@]host:port[/db] or rediss:// (default: $REDIS_URL, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = Spool.DEFAULT_NAMESPACE, scope = ScopeType.INHERIT,
            description = "key prefix (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--json", description = "print JSON instead of a table, for scripts")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Runs {@code action} with a small client. */
    <T> T withSpool(Function<Spool, T> action) {
        try (Spool spool = Spool.builder().redisUrl(WorkerCommand.resolveUrl(redisUrl)).namespace(namespace)
                .poolSize(2).build()) {
            return action.apply(spool);
        }
    }

    /** Null when {@code queue} is in the namespace's registry, else the one-line reason. */
    static String unknownQueue(Spool spool, String queue) {
        boolean known = spool.queues().stream().anyMatch(q -> q.queue().equals(queue));
        return known ? null : "no queue \"" + queue + "\" in namespace " + spool.namespace()
                + " (spool-worker queues lists them)";
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A one-line reason on standard error, and the exit code. */
    int fail(int code, String reason) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(reason);
        err.flush();
        return code;
    }

    /** Prints one line; exit code 0. */
    int say(String line) {
        out().println(line);
        out().flush();
        return 0;
    }

    /** Prints {@code value} as JSON. */
    int printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out().flush();
        return 0;
    }

    /** Prints rows as a table with aligned columns; the first row is the header. */
    int printTable(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out().println(line.toString().stripTrailing());
        }
        out().flush();
        return 0;
    }

    /** A time for a table cell, or {@code -}. */
    static String time(java.time.Instant at) {
        return at == null ? "-" : at.toString();
    }

    /** Text for one table cell: newlines escaped, cut to {@code max} characters. */
    static String cell(String text, int max) {
        if (text == null) {
            return "-";
        }
        String one = text.replace("\n", "\\n");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
