package dev.spool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Locale;

/** The benchmark's progress lines and number formats (a command-line program, so on stdout). */
final class Log {

    private Log() {}

    static void progress(String message) {
        System.out.println("[bench " + LocalTime.now().withNano(0) + "] " + message);
    }

    static void progress(String format, Object... args) {
        progress(String.format(Locale.ROOT, format, args));
    }

    /** A count or rate with thousands separators and no decimals. */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** The 1-minute load average. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
