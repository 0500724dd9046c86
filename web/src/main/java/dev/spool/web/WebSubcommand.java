package dev.spool.web;

import dev.spool.worker.WorkerSubcommand;

/**
 * Adds {@code web} to the worker main: {@code <worker main> web --port 8080 [--bind ADDRESS
 * --token-env VAR] [--read-only] [--redis-url URL] [--namespace NS]} serves the dashboard and the
 * HTTP API with {@link WebMain}'s options, enqueueing the tasks of the worker's class path.
 * Registered in {@code META-INF/services/dev.spool.worker.WorkerSubcommand}.
 */
public final class WebSubcommand implements WorkerSubcommand {

    /** Created by {@link java.util.ServiceLoader}. */
    public WebSubcommand() {}

    @Override
    public String name() {
        return "web";
    }

    @Override
    public Object command() {
        return new WebMain();
    }
}
