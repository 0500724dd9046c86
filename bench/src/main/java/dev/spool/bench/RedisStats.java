package dev.spool.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the server's own counters: {@code INFO commandstats} (calls and µs per command,
 * commands run inside Lua included) and {@code INFO cpu} ({@code used_cpu_sys + used_cpu_user}).
 */
final class RedisStats {

    private static final Pattern COMMAND = Pattern.compile("cmdstat_([a-z|_-]+):calls=(\\d+),usec=(\\d+)");

    private final Map<String, Long> calls = new HashMap<>();
    private final Map<String, Long> usec = new HashMap<>();
    private final double cpuSeconds;

    RedisStats(String commandStats, String cpuInfo) {
        Matcher m = COMMAND.matcher(commandStats);
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
            usec.put(m.group(1), Long.parseLong(m.group(3)));
        }
        cpuSeconds = Double.parseDouble(BenchServer.field(cpuInfo, "used_cpu_sys"))
                + Double.parseDouble(BenchServer.field(cpuInfo, "used_cpu_user"));
    }

    /** Calls per command since {@code before}. */
    Map<String, Long> callsSince(RedisStats before) {
        Map<String, Long> d = new HashMap<>();
        for (Map.Entry<String, Long> e : calls.entrySet()) {
            d.put(e.getKey(), e.getValue() - before.calls.getOrDefault(e.getKey(), 0L));
        }
        return d;
    }

    /** µs the server spent in one command (with the commands it ran, for a script) since {@code before}. */
    long usecSince(RedisStats before, String command) {
        return usec.getOrDefault(command, 0L) - before.usec.getOrDefault(command, 0L);
    }

    /** Redis CPU seconds since {@code before}. */
    double cpuSince(RedisStats before) {
        return cpuSeconds - before.cpuSeconds;
    }

    /** Every command since {@code before}, {@code INFO} excluded. */
    long commandsSince(RedisStats before) {
        long total = 0;
        for (Map.Entry<String, Long> e : callsSince(before).entrySet()) {
            if (!e.getKey().equals("info")) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Script calls and blocking pops since {@code before}: the round trips that do the work. */
    long roundTripsSince(RedisStats before) {
        Map<String, Long> d = callsSince(before);
        return d.getOrDefault("evalsha", 0L) + d.getOrDefault("eval", 0L) + d.getOrDefault("blpop", 0L)
                + d.getOrDefault("bzpopmin", 0L);
    }

    /** One line of calls and µs per job of every command since {@code before}, for {@code --verbose}. */
    String perJob(RedisStats before, String label, long jobs) {
        StringBuilder b = new StringBuilder("  " + label + ":");
        callsSince(before).entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey()).forEach(e ->
                b.append(String.format(Locale.ROOT, " %s %.3f calls %.2f µs;", e.getKey(), (double) e.getValue() / jobs,
                        (double) (usec.getOrDefault(e.getKey(), 0L) - before.usec.getOrDefault(e.getKey(), 0L)) / jobs)));
        return b.toString();
    }
}
