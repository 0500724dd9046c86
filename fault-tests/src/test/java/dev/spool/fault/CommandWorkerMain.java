package dev.spool.fault;

import dev.spool.worker.WorkerCommand;
import java.nio.file.Path;

/**
 * A worker process as the generated worker main runs it: {@code System.exit(WorkerCommand.run(args))},
 * serving the task tables listed in {@code META-INF/services} (the suite's {@link FaultTasks}).
 * Opens the ledger in the directory named by the system property {@code spool.ledger} first.
 */
public final class CommandWorkerMain {

    public static void main(String[] args) {
        Ledger.open(Path.of(System.getProperty("spool.ledger")), "command-" + ProcessHandle.current().pid());
        System.exit(WorkerCommand.run(args));
    }

    private CommandWorkerMain() {}
}
