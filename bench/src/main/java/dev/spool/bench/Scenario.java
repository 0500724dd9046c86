package dev.spool.bench;

/** Rows of the benchmark that belong together: each measures its runs and adds its lines to the report. */
interface Scenario {

    /**
     * What every scenario works with.
     *
     * @param peer BullMQ, or null when it does not run (no {@code node}, or {@code --no-peer})
     */
    record Context(BenchOptions options, BenchServer server, SpoolSide spool, BullmqSide peer, Report report) {}

    /** Runs row {@code row}, one of the rows this scenario was registered for. */
    void run(int row) throws Exception;
}
