package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

    @Test
    void helpVersionAndUsageErrors() {
        assertThat(WorkerCommand.run("--help")).isZero();
        assertThat(WorkerCommand.run("--version")).isZero();
        assertThat(WorkerCommand.run("--no-such-option")).isEqualTo(2);
        assertThat(WorkerCommand.run("--concurrency", "many")).isEqualTo(2);
    }

    @Test
    void badUrlFailsWithExitCodeOne() {
        assertThat(WorkerCommand.run("--redis-url", "http://nowhere")).isEqualTo(1);
    }

    @Test
    void durations() {
        WorkerCommand.DurationConverter converter = new WorkerCommand.DurationConverter();
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }
}
