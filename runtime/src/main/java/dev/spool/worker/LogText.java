package dev.spool.worker;

/**
 * Makes text that comes from Redis (job ids, task names) safe to put in a log line: control
 * characters are escaped, so an id with a newline cannot forge a line of its own, and very long
 * values are cut.
 */
final class LogText {

    private static final int MAX = 200;

    private LogText() {}

    /** A job id as it may appear in a log line. */
    static String id(String id) {
        return escape(id);
    }

    /** A task or queue name as it may appear in a log line. */
    static String name(String name) {
        return escape(name);
    }

    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        int end = Math.min(text.length(), MAX);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(end + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        String safe = out == null ? text.substring(0, end) : out.toString();
        return text.length() > MAX ? safe + "…" : safe;
    }
}
