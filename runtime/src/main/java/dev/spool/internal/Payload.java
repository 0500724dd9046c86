package dev.spool.internal;

import dev.spool.CodecException;
import java.util.List;

/**
 * The packed form of a job as it waits in Redis: header lines, then the arguments as a JSON array.
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
 */
public record Payload(String task, int retries, long timeoutMillis, String arguments, List<String> noRetryFor) {

    /** Prefix of the extension line that lists exception types not worth retrying. */
    static final String NO_RETRY_LINE = "nr:";

    public Payload {
        noRetryFor = noRetryFor == null ? List.of() : List.copyOf(noRetryFor);
    }

    /** A payload with no per-call exception types. */
    public Payload(String task, int retries, long timeoutMillis, String arguments) {
        this(task, retries, timeoutMillis, arguments, List.of());
    }

    /** The packed text. */
    public String pack() {
        return task + '\n' + retries + '\n' + (timeoutMillis > 0 ? Long.toString(timeoutMillis) : "") + '\n'
                + (noRetryFor.isEmpty() ? "" : NO_RETRY_LINE + String.join(",", noRetryFor) + '\n') + arguments;
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
        while (start < packed.length() && packed.charAt(start) != '[') {
            int next = packed.indexOf('\n', start);
            if (next < 0) {
                throw new CodecException("malformed payload of task \"" + task + "\": no JSON arguments");
            }
            if (packed.startsWith(NO_RETRY_LINE, start)) {
                noRetryFor = List.of(packed.substring(start + NO_RETRY_LINE.length(), next).split(","));
            }
            start = next + 1;
        }
        if (start >= packed.length()) {
            throw new CodecException("malformed payload of task \"" + task + "\": no JSON arguments");
        }
        return new Payload(task, retries, timeout, packed.substring(start), noRetryFor);
    }
}
