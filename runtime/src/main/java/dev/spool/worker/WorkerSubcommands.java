package dev.spool.worker;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The subcommands other modules add to the worker main ({@link WorkerSubcommand}), and what the
 * worker main says when one that Spool knows of is missing from the class path.
 */
final class WorkerSubcommands {

    private static final Logger log = LoggerFactory.getLogger(WorkerSubcommands.class);

    /** Subcommands of Spool's own modules: name, then the module that brings it. */
    private static final Map<String, String> KNOWN = Map.of("web", "dev.spool:spool-web");

    private final Set<Object> added = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Adds every subcommand found with {@code loader}, and a stand-in for each known one that is missing. */
    WorkerSubcommands addTo(CommandLine commandLine, ClassLoader loader) {
        for (Iterator<WorkerSubcommand> found = ServiceLoader.load(WorkerSubcommand.class, loader).iterator(); ; ) {
            WorkerSubcommand sub;
            try {
                if (!found.hasNext()) {
                    break;
                }
                sub = found.next();
            } catch (ServiceConfigurationError e) { // a broken provider must not take the worker down
                log.warn("A worker subcommand could not be loaded and is left out: {}", e.getMessage());
                continue;
            }
            if (commandLine.getSubcommands().containsKey(sub.name())) {
                continue; // the first one found wins; Spool's own commands are never replaced
            }
            Object command = sub.command();
            added.add(command);
            commandLine.addSubcommand(sub.name(), command);
        }
        for (Map.Entry<String, String> known : KNOWN.entrySet()) {
            if (!commandLine.getSubcommands().containsKey(known.getKey())) {
                Missing missing = new Missing(known.getKey(), known.getValue());
                added.add(missing);
                commandLine.addSubcommand(known.getKey(), missing);
            }
        }
        return this;
    }

    /** Whether {@code command} is one this added (its failures are one line, not a stack trace). */
    boolean added(Object command) {
        return added.contains(command);
    }

    /** A subcommand whose module is not on the class path: it says which one to add. */
    @Command(description = "Not available: its module is not on the class path (run it to see which).")
    static final class Missing implements Callable<Integer> {
        private final String name;
        private final String module;

        @Unmatched
        List<String> ignored;

        @Spec
        CommandSpec spec;

        Missing(String name, String module) {
            this.name = name;
            this.module = module;
        }

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("the " + name + " command needs " + module + " on the worker's class path:"
                    + " add the dependency " + module + " (the version of spool-runtime) to the application");
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
