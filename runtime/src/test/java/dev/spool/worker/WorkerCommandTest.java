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

    @Test
    void everyWorkerSettingHasAFlagAndABadValueIsAUsageError() {
        WorkerCommand command = new WorkerCommand();
        new CommandLine(command).parseArgs("--prefetch", "0", "--reservation", "2s", "--lease", "10s",
                "--maintenance-interval", "500ms", "--retry-backoff", "2s", "--reclaim-limit", "3",
                "--keep-results", "false", "--max-stuck-threads", "1", "--worker-id", "flags-1");
        assertThat(command.settings.prefetch).isZero();
        assertThat(command.settings.reservation).isEqualTo(Duration.ofSeconds(2));
        assertThat(command.settings.lease).isEqualTo(Duration.ofSeconds(10));
        assertThat(command.settings.maintenanceInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(command.settings.retryBackoff).isEqualTo(Duration.ofSeconds(2));
        assertThat(command.settings.reclaimLimit).isEqualTo(3);
        assertThat(command.settings.keepResults).isFalse();
        assertThat(command.settings.maxStuckThreads).isEqualTo(1);
        assertThat(command.settings.workerId).isEqualTo("flags-1");
        try (dev.spool.Spool spool = dev.spool.Spool.builder().redisUrl(dev.spool.localredis.LocalRedis.url()).build()) {
            Worker.Builder builder = Worker.builder(spool).taskTables(List.of(new dev.spool.test.TestTasks.Table()));
            command.settings.applyTo(builder);
            assertThat(builder.build().id()).isEqualTo("flags-1");
        }
        assertThat(WorkerCommand.run("--redis-url", dev.spool.localredis.LocalRedis.url(), "--prefetch", "-1")).isEqualTo(2);
        assertThat(WorkerCommand.run("--redis-url", dev.spool.localredis.LocalRedis.url(), "--reservation", "0s")).isEqualTo(2);
    }

    @Test
    void virtualThreadsHaveAFlagThatTheBuilderGets() {
        WorkerCommand command = new WorkerCommand();
        new CommandLine(command).parseArgs("--virtual-threads");
        assertThat(command.settings.virtualThreads).isTrue();
        if (Runtime.version().feature() < 21) { // refused by build() with the reason (VirtualThreadsTest)
            assertThat(WorkerCommand.run("--redis-url", dev.spool.localredis.LocalRedis.url(), "--virtual-threads"))
                    .isEqualTo(1);
        }
    }
}
