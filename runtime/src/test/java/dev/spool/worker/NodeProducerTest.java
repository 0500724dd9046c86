package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Node.js producer in {@code clients/node} against a Java worker: jobs it enqueues (wire format
 * with the version line, the runtime's own {@code enqueueJob-4.lua}) run here, and it reads the
 * typed result and the failure back. Needs {@code node} and {@code npm ci} in {@code clients/node}
 * ({@code .ci/run} does both); skipped otherwise.
 */
class NodeProducerTest {

    static final Path CLIENT = Path.of("..", "clients", "node");

    /** The typed result. */
    public record Total(long cents, String currency, boolean vat) {}

    static final TaskDescriptor<Total> TOTAL = TaskDescriptor.builder("Invoices.total", TypeRef.of(Total.class))
            .queue("node").param("cents", TypeRef.of(long.class)).param("currency", TypeRef.of(String.class)).build();
    static final TaskDescriptor<Void> REFUSE = TaskDescriptor.builder("Invoices.refuse", TypeRef.VOID)
            .queue("node").param("reason", TypeRef.of(String.class)).build();

    /** The task class. */
    public static final class Invoices {
        public Total total(long cents, String currency) {
            return new Total(cents * 12 / 10, currency, true);
        }

        public void refuse(String reason) {
            throw new IllegalStateException(reason);
        }
    }

    /** What the processor would generate. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Invoices.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(TOTAL, Invoices.class, Invoices::new, (o, a) -> o.total(a.<Long>get(0), a.get(1))),
                    TaskEntry.of(REFUSE, Invoices.class, Invoices::new, (o, a) -> {
                        o.refuse(a.get(0));
                        return null;
                    }));
        }
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aJobEnqueuedFromNodeRunsHereAndNodeReadsItsTypedResultAndItsFailure() throws Exception {
        assumeTrue(nodeRuns(), "no node on the PATH");
        assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules/ioredis")),
                "clients/node has no node_modules: run npm ci there (.ci/run does)");
        try (RedisNamespace redis = new RedisNamespace("node")) {
            Spool spool = redis.spool();
            redis.track(Worker.builder(spool).taskTables(List.of(new Table())).build().start());
            Path output = Files.createTempFile("spool-node", ".log");
            ProcessBuilder builder = new ProcessBuilder("node", "e2e/producer.mjs").directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("SPOOL_REDIS_URL", redis.url);
            builder.environment().put("SPOOL_NAMESPACE", redis.namespace);
            Process node = builder.start();
            boolean exited = node.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                node.destroyForcibly();
            }
            String log = Files.readString(output);
            Files.deleteIfExists(output);
            assertThat(exited).as(log).isTrue();
            assertThat(node.exitValue()).as(log).isZero();

            Map<String, String> ids = new HashMap<>();
            log.lines().filter(l -> l.matches("\\w+=\\w{14}")).forEach(l -> ids.put(l.split("=")[0], l.split("=")[1]));
            assertThat(spool.job("node", ids.get("total"), TypeRef.of(Total.class)).result())
                    .contains(new Total(1200, "EUR", true));
            var refused = spool.job("node", ids.get("refused"), TypeRef.VOID);
            assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
            assertThat(refused.failure().orElseThrow().exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        }
    }
}
