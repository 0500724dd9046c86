package dev.spool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    private final Report report = new Report(BenchOptions.parse(new String[] {"smoke"}));

    @Test
    void comparisonShowsSpoolOverThePeerAndJudgesTheTargetInItsDirection() {
        report.peerName("BullMQ 6.7.0");
        report.compare("throughput", "30,000 jobs/s", "10,000 jobs/s", 3.0, Report.Target.atLeast(3.0), null);
        report.compare("Redis CPU per job", "12.0 µs", "30.0 µs", 0.4, Report.Target.atMost(0.30), null);
        report.compare("bytes", "100.0 B", "300.0 B", 1.0 / 3, null, "");

        String md = report.render("machine");

        assertThat(md).contains("| vs BullMQ 6.7.0 (same Redis, same run) | Spool | BullMQ 6.7.0 | Spool ÷ BullMQ 6.7.0 |");
        assertThat(md).contains("| throughput | 30,000 jobs/s | 10,000 jobs/s | 3.00× | ≥ 3.00× | met |");
        assertThat(md).contains("| Redis CPU per job | 12.0 µs | 30.0 µs | 0.40× | ≤ 0.30× | missed |");
        assertThat(md).contains("| bytes | 100.0 B | 300.0 B | 0.33× | – | – |");
    }

    @Test
    void withoutThePeerTheRowKeepsSpoolsFigureAndTheNoteSaysWhy() {
        report.compare("throughput", "30,000 jobs/s", "not run", Double.NaN, Report.Target.atLeast(3.0), null);
        report.note("BullMQ peer SKIPPED: no `node` on the PATH.");

        String md = report.render("machine");

        assertThat(md).contains("| throughput | 30,000 jobs/s | not run | – | ≥ 3.00× | – |");
        assertThat(md).contains("BullMQ peer SKIPPED: no `node` on the PATH.");
    }
}
