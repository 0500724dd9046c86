package dev.spool.web.testing;

import dev.spool.worker.WorkerCommand;

/** A worker main as the annotation processor generates one: {@code System.exit(WorkerCommand.run(args))}. */
public final class WorkerMain {

    public static void main(String[] args) {
        System.exit(WorkerCommand.run(args));
    }

    private WorkerMain() {}
}
