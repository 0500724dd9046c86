package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spool.Job;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Worker.Builder#virtualThreads(boolean)}: refused on Java 17 with the reason; on the JDK 25
 * these machines have, a worker in a child JVM runs every job on a virtual thread, still at most
 * {@code concurrency} at once.
 */
class VirtualThreadsTest {

    static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    static final int CONCURRENCY = 2;

    /** Reports the thread that runs it: {@code <virtual>|<thread name>|<most jobs running at once so far>}. */
    static final TaskDescriptor<String> WHERE = TaskDescriptor.builder("Virtual.where", TypeRef.of(String.class))
            .queue("virtual").param("millis", TypeRef.of(long.class)).build();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST = new AtomicInteger();

    /** The task class. */
    public static final class Virtual {
        public String where(long millis) throws Exception {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } finally {
                RUNNING.decrementAndGet();
            }
            Thread thread = Thread.currentThread();
            boolean virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(thread); // Java 21+
            return virtual + "|" + thread.getName() + "|" + MOST.get();
        }
    }

    /** What the processor would generate. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Virtual.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(TaskEntry.of(WHERE, Virtual.class, Virtual::new, (o, a) -> o.where(a.<Long>get(0))));
        }
    }

    /** The child JVM: a worker on virtual threads until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (Spool spool = Spool.builder().redisUrl(args[0]).namespace(args[1]).build();
                Worker worker = Worker.builder(spool).taskTables(List.of(new Table())).concurrency(CONCURRENCY)
                        .virtualThreads(true).build().start()) {
            while (System.in.read() >= 0) {
                // until the test closes our standard input
            }
        }
    }

    @Test
    void onJava17TheBuilderRefusesVirtualThreadsAndSaysWhatToDo() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads; the JDK 25 test covers them");
        try (RedisNamespace redis = new RedisNamespace("vthreads")) {
            Worker.Builder builder = Worker.builder(redis.spool()).taskTables(List.of(new Table())).virtualThreads(true);
            assertThatThrownBy(builder::build).isInstanceOf(SpoolException.class)
                    .hasMessageContaining("virtualThreads(true) needs Java 21 or newer")
                    .hasMessageContaining("Java " + Runtime.version())
                    .hasMessageContaining("run the worker on a JDK 21+ or leave virtual threads off");
        }
    }

    @Test
    void onJdk25EveryJobRunsOnAVirtualThreadAndConcurrencyStillBoundsThem() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25 + "; virtual threads cannot be run here");
        try (RedisNamespace redis = new RedisNamespace("vthreads")) {
            Path output = Files.createTempFile("spool-vthreads", ".log");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process child = new ProcessBuilder(JDK_25.toString(), "-Xmx128m", "-cp", classPath,
                    VirtualThreadsTest.class.getName(), redis.url, redis.namespace)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                Spool spool = redis.spool();
                List<Job<String>> jobs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    jobs.add(spool.enqueue(WHERE, dev.spool.JobOptions.defaults(), 150L));
                }
                for (Job<String> job : jobs) {
                    String[] where = job.await(Duration.ofSeconds(60)).split("\\|");
                    assertThat(where[0]).as("virtual, on %s", where[1]).isEqualTo("true");
                    assertThat(where[1]).startsWith("spool-worker-");
                    assertThat(Integer.parseInt(where[2])).as("jobs running at once").isBetween(1, CONCURRENCY);
                }
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            assertThat(child.exitValue()).as(Files.readString(output)).isZero();
            Files.deleteIfExists(output);
        }
    }
}
