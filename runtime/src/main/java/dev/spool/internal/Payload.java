package dev.spool.internal;

import dev.spool.CodecException;
import dev.spool.JobOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packed form of a job as it waits in Redis: header lines, then the arguments as a JSON array.
 * The one parser of that form in Java (Lua reads only the task name, up to the first newline).
 *
 * <pre>
 * task name \n retries \n timeout in ms (empty: none) \n [extension lines \n] [JSON arguments]
 * </pre>
 *
 * <p>The JSON array is the last part and always starts with {@code [}; compact JSON never contains
 * a raw newline, and task names may not either. Lines between the timeout and the arguments are
 * reserved for later additions (chains, chords) and ignored by readers that do not know them.
 *
 * @param task the task name
 * @param retries how many times a failed run is tried again
 * @param timeoutMillis the run time limit in ms, or 0 for none
 * @param arguments the JSON array of arguments
 * @param noRetryFor names of exception types not worth retrying for this job (per call), packed
 *     as the extension line {@code nr:<class>,<class>}; empty for none
 * @param expiresAtMillis the epoch ms by which its first run must start, packed as the extension
 *     line {@code ex:<ms>}; 0 for none
 * @param concurrency the job's concurrency key as {@code <max>:<key>} (see {@link ConcurrencyKeys}),
 *     packed as the extension line {@code ck:<max>:<key>}, which the fetch script reads; empty for none
 * @param propagated the entries a {@link dev.spool.spi.JobContextPropagator} gave it at enqueue,
 *     packed in order as extension lines {@code cx:<name>=<value>}; empty for none
 * @param priority the job's priority level inside its queue, from {@link JobOptions#MIN_PRIORITY}
 *     to {@link JobOptions#MAX_PRIORITY}, packed as the extension line {@code pr:<level>}, which the
 *     scripts read to put the job on its level's list ({@code includes/levels.lua}); 0, the
 *     default level, is not packed
 */
public record Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor,
        long expiresAtMillis, String concurrency, Map<String, String> propagated, int priority) {

    /** Prefix of the extension line that lists exception types not worth retrying. */
    static final String NO_RETRY_LINE = "nr:";
    /** Prefix of a continuation's extension line: {@code wf:<target queue>|<target id>|<input index>}. */
    static final String CONTINUATION_LINE = "wf:";
    /** Prefix of the extension line with the start deadline: {@code ex:<epoch ms>}. */
    static final String EXPIRY_LINE = "ex:";
    /** Prefix of the extension line with the concurrency key: {@code ck:<max>:<key>}. */
    static final String CONCURRENCY_LINE = "ck:";
    /**
     * Prefix of the extension line with the payload format's version, {@code v:<n>}: written by
     * producers in other languages (clients/node); a payload without it is version 1.
     */
    static final String VERSION_LINE = "v:";
    /** The newest payload format version this runtime reads. */
    public static final int FORMAT_VERSION = 1;
    /** Prefix of an extension line with a propagated entry: {@code cx:<name>=<value>}. */
    static final String CONTEXT_LINE = "cx:";
    /** Prefix of the extension line with the priority level: {@code pr:<level>}. */
    static final String PRIORITY_LINE = "pr:";

    public Payload {
        if (priority < JobOptions.MIN_PRIORITY || priority > JobOptions.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be from " + JobOptions.MIN_PRIORITY + " to "
                    + JobOptions.MAX_PRIORITY + ": " + priority);
        }
        noRetryFor = noRetryFor == null ? List.of() : List.copyOf(noRetryFor);
        concurrency = concurrency == null ? "" : concurrency;
        propagated = propagated == null || propagated.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(propagated));
    }

    /** A payload at the default priority level. */
    public Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor,
            long expiresAtMillis, String concurrency, Map<String, String> propagated) {
        this(task, retries, timeoutMillis, arguments, noRetryFor, expiresAtMillis, concurrency, propagated, 0);
    }

    /** A payload without a concurrency key that carries no propagated entries. */
    public Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor,
            long expiresAtMillis) {
        this(task, retries, timeoutMillis, arguments, noRetryFor, expiresAtMillis, "", Map.of());
    }

    /** A payload that carries no propagated entries. */
    public Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor,
            long expiresAtMillis, String concurrency) {
        this(task, retries, timeoutMillis, arguments, noRetryFor, expiresAtMillis, concurrency, Map.of());
    }

    /** A payload without a concurrency key. */
    public Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor,
            long expiresAtMillis, Map<String, String> propagated) {
        this(task, retries, timeoutMillis, arguments, noRetryFor, expiresAtMillis, "", propagated);
    }

    /** A payload with no per-call exception types and no deadline. */
    public Payload(String task, int retries, long timeoutMillis, String arguments) {
        this(task, retries, timeoutMillis, arguments, List.of(), 0);
    }

    /** A payload with no deadline. */
    public Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor) {
        this(task, retries, timeoutMillis, arguments, noRetryFor, 0);
    }

    /** The packed text. */
    public String pack() {
        return task + '\n' + retries + '\n' + (timeoutMillis > 0 ? Long.toString(timeoutMillis) : "") + '\n'
                + (noRetryFor.isEmpty() ? "" : NO_RETRY_LINE + String.join(",", noRetryFor) + '\n')
                + (expiresAtMillis > 0 ? EXPIRY_LINE + expiresAtMillis + '\n' : "")
                + (concurrency.isEmpty() ? "" : CONCURRENCY_LINE + concurrency + '\n')
                + (priority == 0 ? "" : PRIORITY_LINE + priority + "\n") + contextLines() + arguments;
    }

    private String contextLines() {
        if (propagated.isEmpty()) {
            return "";
        }
        StringBuilder lines = new StringBuilder();
        propagated.forEach((name, value) -> lines.append(CONTEXT_LINE).append(name).append('=').append(value).append('\n'));
        return lines.toString();
    }

    /** Unpacks; a malformed payload throws {@link CodecException}. */
    public static Payload unpack(String packed) {
        int first = packed.indexOf('\n');
        int second = first < 0 ? -1 : packed.indexOf('\n', first + 1);
        int third = second < 0 ? -1 : packed.indexOf('\n', second + 1);
        if (third < 0) {
            throw new CodecException("malformed payload: expected task, retries and timeout lines before the arguments");
        }
        String task = packed.substring(0, first);
        int retries;
        long timeout;
        try {
            retries = Integer.parseInt(packed.substring(first + 1, second));
            String timeoutText = packed.substring(second + 1, third);
            timeout = timeoutText.isEmpty() ? 0 : Long.parseLong(timeoutText);
        } catch (NumberFormatException e) {
            throw new CodecException("malformed payload of task \"" + task + "\": retries and timeout must be numbers");
        }
        int start = third + 1;
        List<String> noRetryFor = List.of();
        long expiresAt = 0;
        Map<String, String> propagated = null;
        String concurrency = "";
        int priority = 0;
        while (start < packed.length() && packed.charAt(start) != '[') {
            int next = packed.indexOf('\n', start);
            if (next < 0) {
                throw new CodecException("malformed payload of task \"" + task + "\": no JSON arguments");
            }
            if (packed.startsWith(NO_RETRY_LINE, start)) {
                noRetryFor = List.of(packed.substring(start + NO_RETRY_LINE.length(), next).split(","));
            } else if (packed.startsWith(PRIORITY_LINE, start)) {
                priority = priorityLine(packed.substring(start + PRIORITY_LINE.length(), next));
            } else if (packed.startsWith(CONCURRENCY_LINE, start)) {
                concurrency = packed.substring(start + CONCURRENCY_LINE.length(), next);
            } else if (packed.startsWith(CONTEXT_LINE, start)) {
                int equals = packed.indexOf('=', start);
                if (equals > start + CONTEXT_LINE.length() && equals < next) {
                    if (propagated == null) {
                        propagated = new LinkedHashMap<>();
                    }
                    propagated.put(packed.substring(start + CONTEXT_LINE.length(), equals), packed.substring(equals + 1, next));
                }
            } else if (packed.startsWith(VERSION_LINE, start)) {
                String version = packed.substring(start + VERSION_LINE.length(), next);
                if (!version.equals("1")) {
                    throw new CodecException("payload of task \"" + task + "\" has format version " + (version.length() > 20 ? version.substring(0, 20) + "..." : version)
                            + "; this worker reads version " + FORMAT_VERSION + " (upgrade the worker)");
                }
            } else if (packed.startsWith(EXPIRY_LINE, start)) {
                try {
                    expiresAt = Long.parseLong(packed.substring(start + EXPIRY_LINE.length(), next));
                } catch (NumberFormatException e) {
                    throw new CodecException("malformed payload of task \"" + task + "\": its expiry line is not a time");
                }
            }
            start = next + 1;
        }
        if (start >= packed.length()) {
            throw new CodecException("malformed payload of task \"" + task + "\": no JSON arguments");
        }
        return new Payload(task, retries, timeout, packed.substring(start), noRetryFor, expiresAt, concurrency, propagated,
                priority);
    }

    /** A priority line's level; one out of range or not a number reads as the default level, as the scripts read it. */
    private static int priorityLine(String text) {
        try {
            int level = Integer.parseInt(text);
            return level < JobOptions.MIN_PRIORITY || level > JobOptions.MAX_PRIORITY ? 0 : level;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The task name of a packed payload, without parsing the rest; the whole text if it has no header. */
    public static String taskOf(String packed) {
        int newline = packed.indexOf('\n');
        return newline < 0 ? packed : packed.substring(0, newline);
    }

    /** Whether a packed payload carries continuations; cheap for plain jobs (three indexOf calls). */
    public static boolean hasTargets(String packed) {
        int start = headerEnd(packed);
        if (start < 0 || start >= packed.length() || packed.charAt(start) == '[') {
            return false;
        }
        return !targets(packed).isEmpty();
    }

    /** The continuations in a packed payload (or payload header), in order; empty for plain jobs. */
    public static List<Flows.Target> targets(String packed) {
        int start = headerEnd(packed);
        if (start < 0) {
            return List.of();
        }
        List<Flows.Target> targets = null;
        while (start < packed.length() && packed.charAt(start) != '[') {
            int next = packed.indexOf('\n', start);
            if (next < 0) {
                break;
            }
            if (packed.startsWith(CONTINUATION_LINE, start)) {
                if (targets == null) {
                    targets = new java.util.ArrayList<>(1);
                }
                targets.add(Flows.Target.parse(packed.substring(start + CONTINUATION_LINE.length(), next)));
            }
            start = next + 1;
        }
        return targets == null ? List.of() : targets;
    }

    /** Adds continuation lines to a packed payload (or header), right after the timeout line. */
    public static String withTargets(String packed, List<Flows.Target> targets) {
        if (targets.isEmpty()) {
            return packed;
        }
        int at = headerEnd(packed);
        if (at < 0) {
            throw new CodecException("malformed payload: no header");
        }
        StringBuilder lines = new StringBuilder();
        for (Flows.Target target : targets) {
            lines.append(CONTINUATION_LINE).append(target.text()).append('\n');
        }
        return packed.substring(0, at) + lines + packed.substring(at);
    }

    /** Index just after the third newline (the end of task, retries and timeout), or -1. */
    private static int headerEnd(String packed) {
        int pos = -1;
        for (int i = 0; i < 3; i++) {
            pos = packed.indexOf('\n', pos + 1);
            if (pos < 0) {
                return -1;
            }
        }
        return pos + 1;
    }
}
