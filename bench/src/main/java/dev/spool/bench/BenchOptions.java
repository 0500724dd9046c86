package dev.spool.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's command line: the mode (sizes), runs per row, the rows wanted, the peer and
 * verbosity.
 *
 * @param mode {@code full}, {@code quick} or {@code smoke}
 * @param runs runs per row
 * @param rows the rows to run, by number
 * @param verbose whether to print Redis commands per job from {@code INFO commandstats}
 * @param peer whether to measure BullMQ next to Spool (needs {@code node} and {@code npm})
 * @param sizes the sizes of the mode
 */
record BenchOptions(String mode, int runs, Set<Integer> rows, boolean verbose, boolean peer, Sizes sizes) {

    static final List<Integer> ALL_ROWS = List.of(9, 10, 11, 12, 13, 14, 15, 1, 2, 3, 4, 5, 6, 7, 8, 16);

    static final String USAGE = "usage: Bench [full|quick|smoke] [--runs N] [--rows 9,10,1,...] [--peer bullmq|--no-peer]"
            + " [--verbose]";

    /**
     * How many jobs each row uses in a mode.
     *
     * @param e2eJobs rows 1, 2 and 7: jobs per end-to-end run
     * @param warmUpJobs jobs per warm-up drain of a new worker process
     * @param enqueueSingle row 3: one job per call, 1 thread
     * @param enqueueThreaded row 3: one job per call, 16 threads
     * @param enqueueBulk rows 3 and 10: bulk enqueue
     * @param latencySeconds rows 4 and 12: seconds at 200 jobs/s (row 4's 1,000 jobs/s line: half)
     * @param chordMembers row 5
     * @param memoryJobs rows 6 and 13
     * @param millionBacklog row 7: whether the 1,000,000-job backlog line runs
     * @param backlog rows 9 and 15: the backlog of the comparison with BullMQ
     * @param awaited row 11: jobs enqueued and awaited one at a time
     * @param workflows row 14: workflows of 1 callback + 10 members
     * @param ceilingOps row 8: redis-benchmark requests, unpipelined
     * @param ceilingPipelinedOps row 8: redis-benchmark requests, pipelined 16
     * @param nestedWorkflows row 16: nested workflows per run
     * @param nestedChains row 16: chains of 3 steps in each nested workflow
     */
    record Sizes(int e2eJobs, int warmUpJobs, int enqueueSingle, int enqueueThreaded, int enqueueBulk, int latencySeconds,
            int chordMembers, int memoryJobs, boolean millionBacklog, int backlog, int awaited, int workflows,
            int ceilingOps, int ceilingPipelinedOps, int nestedWorkflows, int nestedChains) {

        static Sizes of(String mode) {
            return switch (mode) {
                case "full" -> new Sizes(100_000, 40_000, 30_000, 100_000, 100_000, 20, 1_000, 100_000, true, 50_000, 5_000,
                        1_000, 300_000, 2_000_000, 50, 100);
                case "quick" -> new Sizes(20_000, 10_000, 5_000, 20_000, 20_000, 5, 1_000, 20_000, false, 20_000, 1_000,
                        1_000, 100_000, 500_000, 10, 100);
                case "smoke" -> new Sizes(2_000, 2_000, 500, 2_000, 2_000, 2, 200, 2_000, false, 2_000, 100, 100, 20_000, 100_000,
                        2, 10);
                default -> throw new IllegalArgumentException("unknown mode " + mode + "; " + USAGE);
            };
        }
    }

    boolean wants(int row) {
        return rows.contains(row);
    }

    /**
     * Parses the command line; throws {@link IllegalArgumentException} with the usage on bad input.
     * Arguments are split at white space too, as Maven passes {@code -Dbench.args="quick --rows 9"}
     * as one.
     */
    static BenchOptions parse(String[] command) {
        String[] args = String.join(" ", command).trim().split("\\s+");
        String mode = "full";
        Integer runs = null;
        Set<Integer> rows = new LinkedHashSet<>(ALL_ROWS);
        boolean verbose = false;
        boolean peer = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i].trim();
            switch (a) {
                case "" -> { }
                case "full", "--full", "quick", "--quick", "smoke", "--smoke" -> mode = a.replace("--", "");
                case "--verbose" -> verbose = true;
                case "--no-peer" -> peer = false;
                case "--peer" -> {
                    String name = value(args, ++i, a).toLowerCase(Locale.ROOT);
                    if (!name.equals("bullmq")) {
                        throw new IllegalArgumentException("unknown peer " + name + " (only bullmq); " + USAGE);
                    }
                    peer = true;
                }
                case "--runs" -> {
                    runs = number(value(args, ++i, a), a);
                    if (runs < 1) {
                        throw new IllegalArgumentException("--runs must be at least 1; " + USAGE);
                    }
                }
                case "--rows" -> {
                    rows = new LinkedHashSet<>();
                    for (String r : value(args, ++i, a).split(",")) {
                        int row = number(r, a);
                        if (!ALL_ROWS.contains(row)) {
                            throw new IllegalArgumentException("no row " + row + " (rows are 1 to 16); " + USAGE);
                        }
                        rows.add(row);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + "; " + USAGE);
            }
        }
        int n = runs != null ? runs : mode.equals("full") ? 3 : 1;
        return new BenchOptions(mode, n, Set.copyOf(rows), verbose, peer, Sizes.of(mode));
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes numbers, not \"" + value + "\"; " + USAGE);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i].trim();
    }
}
