package dev.spool.internal;

import dev.spool.spi.JobContextPropagator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobContextPropagator}s of a client (found by {@link ServiceLoader} when it is built),
 * asked for each job it enqueues; with none, enqueueing does no extra work.
 */
final class Propagation {

    private static final Logger log = LoggerFactory.getLogger(Propagation.class);
    static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");
    static final int MAX_VALUE_CHARS = 1024;

    private final List<JobContextPropagator> propagators;

    private Propagation(List<JobContextPropagator> propagators) {
        this.propagators = List.copyOf(propagators);
    }

    static Propagation load() {
        return new Propagation(ServiceLoader.load(JobContextPropagator.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** The entries to carry with one job; empty (and shared) when there is nothing to carry. */
    Map<String, String> collect(String id, String queue, String task) {
        if (propagators.isEmpty()) {
            return Map.of();
        }
        JobContextPropagator.Outgoing job = new JobContextPropagator.Outgoing(id, queue, task);
        Map<String, String> entries = null;
        for (JobContextPropagator propagator : propagators) {
            Map<String, String> found;
            try {
                found = propagator.inject(job);
            } catch (RuntimeException e) {
                log.warn("{} failed for a job of {}; the job carries nothing from it: {}", propagator.getClass().getName(),
                        task, e.toString());
                continue;
            }
            if (found == null) {
                continue;
            }
            for (Map.Entry<String, String> entry : found.entrySet()) {
                if (valid(entry.getKey(), entry.getValue())) {
                    if (entries == null) {
                        entries = new LinkedHashMap<>();
                    }
                    entries.put(entry.getKey(), entry.getValue());
                } else {
                    log.warn("{} gave an entry a job cannot carry (name: 1-64 of a-z 0-9 . _ -; value: at most {}"
                            + " characters, no line breaks); left out: {}", propagator.getClass().getName(),
                            MAX_VALUE_CHARS, String.valueOf(entry.getKey()).replaceAll("[^\\x20-\\x7e]", "?"));
                }
            }
        }
        return entries == null ? Map.of() : entries;
    }

    static boolean valid(String name, String value) {
        return name != null && value != null && NAME.matcher(name).matches() && value.length() <= MAX_VALUE_CHARS
                && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
    }
}
