package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void shutdownGraceTakesEveryDurationATaskTimeoutTakes() {
        WorkerCommand.DurationConverter converter = new WorkerCommand.DurationConverter();
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("0s")).isZero();
        for (String bad : List.of("30", "30S", "2 h", "-5s", "PT-5S", "1.5s", "99999999999999999999d")) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
        assertThat(WorkerCommand.run("--shutdown-grace", "2 hours")).isEqualTo(2);
    }
}
