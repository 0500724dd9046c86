package dev.spool.worker;

import dev.spool.DeadLetters;
import dev.spool.DeadLetters.DeadJob;
import dev.spool.Spool;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spool-worker dead list|show|retry|delete --queue q}: inspects and handles the jobs of a
 * queue that failed for good. Output goes to the command line's standard output; exit code 0 on
 * success, 1 when a job is not in the dead set.
 */
@Command(name = "dead", mixinStandardHelpOptions = true,
        description = "Lists, shows, retries or deletes jobs that failed for good.",
        subcommands = {DeadCommand.ListDead.class, DeadCommand.Show.class, DeadCommand.Retry.class, DeadCommand.Delete.class})
final class DeadCommand {

    @Option(names = "--redis-url", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "redis://[user:password@]host:port[/db] or rediss:// (default: $REDIS_URL, else redis://127.0.0.1:6379)")
    String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = Spool.DEFAULT_NAMESPACE,
            scope = picocli.CommandLine.ScopeType.INHERIT, description = "key prefix (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--queue", paramLabel = "QUEUE", required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the queue whose dead jobs to handle")
    String queue;

    @Spec
    CommandSpec spec;

    private <T> T withDeadLetters(java.util.function.Function<DeadLetters, T> action) {
        String url = WorkerCommand.resolveUrl(redisUrl);
        try (Spool spool = Spool.builder().redisUrl(url).namespace(namespace).poolSize(2).build()) {
            return action.apply(spool.deadLetters(queue));
        }
    }

    /**
     * Applies {@code action} to each id, printing {@code <id> <doneWord>} or {@code <id> is not dead};
     * exit code 1 if any id was not dead.
     */
    private int forEachId(List<String> ids, java.util.function.BiPredicate<DeadLetters, String> action, String doneWord) {
        return withDeadLetters(dead -> {
            int code = 0;
            for (String id : ids) {
                boolean done = action.test(dead, id);
                out().printf("%s %s%n", id, done ? doneWord : "is not dead");
                code = done ? code : 1;
            }
            out().flush();
            return code;
        });
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ');
    }

    /** {@code dead list [--limit N]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead jobs, newest first.")
    static final class ListDead implements Callable<Integer> {
        @ParentCommand
        DeadCommand parent;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "most jobs shown (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            return parent.withDeadLetters(dead -> {
                long size = dead.size();
                List<DeadJob> jobs = dead.list(limit);
                PrintWriter out = parent.out();
                out.printf("%d dead job(s) in queue %s%s%n", size, parent.queue, size > jobs.size() ? " (showing " + jobs.size() + ")" : "");
                for (DeadJob job : jobs) {
                    out.printf("%s  %s  %s  %s%n", job.id(), job.failedAt(), job.task().isEmpty() ? "?" : job.task(),
                            job.failure() == null ? "(record expired)" : oneLine(job.failure().toString()));
                }
                out.flush();
                return 0;
            });
        }
    }

    /** {@code dead show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one dead job: reason, payload and attempts.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        DeadCommand parent;

        @Parameters(paramLabel = "ID", description = "the job id")
        String id;

        @Override
        public Integer call() {
            return parent.withDeadLetters(dead -> {
                Optional<DeadJob> found = dead.get(id);
                PrintWriter out = parent.out();
                if (found.isEmpty()) {
                    out.printf("no dead job %s in queue %s%n", id, parent.queue);
                    out.flush();
                    return 1;
                }
                DeadJob job = found.get();
                out.printf("id:        %s%nqueue:     %s%ntask:      %s%nfailed at: %s%n", job.id(), parent.queue, job.task(), job.failedAt());
                if (job.failure() != null) {
                    out.printf("reason:    %s%nattempts:  %d%n", oneLine(job.failure().toString()), job.failure().attempts());
                }
                out.printf("payload:   %s%n", job.payload() == null ? "(none)" : job.payload().replace("\n", "\\n"));
                out.printf("history:%n");
                for (DeadLetters.Attempt a : job.history()) {
                    out.printf("  #%d  %s  %s  %s: %s%n", a.attempt(), a.at(), a.worker(), a.error(), oneLine(a.message()));
                }
                if (job.failure() != null && !job.failure().stackTrace().isEmpty()) {
                    out.printf("stack trace:%n%s%n", job.failure().stackTrace());
                }
                out.flush();
                return 0;
            });
        }
    }

    /** {@code dead retry ID...}. */
    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Sends dead jobs back to their queue.")
    static final class Retry implements Callable<Integer> {
        @ParentCommand
        DeadCommand parent;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
        List<String> ids;

        @Override
        public Integer call() {
            return parent.forEachId(ids, DeadLetters::retry, "re-queued");
        }
    }

    /** {@code dead delete ID...}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes dead jobs and their records.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        DeadCommand parent;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "job ids")
        List<String> ids;

        @Override
        public Integer call() {
            return parent.forEachId(ids, DeadLetters::delete, "deleted");
        }
    }
}
