package dev.spool.fault;

import dev.spool.Spool;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for the flow-control fault tests, serving the queue {@code flow}:
 * {@code FlowWorkerMain <redis url> <namespace> <ledger dir> <lease ms> <concurrency>}. Prints
 * {@code READY <worker id>} once it runs. Its tasks write ledger lines whose data is the wall-clock
 * time in microseconds (one clock for all processes of the machine).
 */
public final class FlowWorkerMain {

    /** Records its start (a negative n: a warm-up run, key "warm"). */
    public static final TaskDescriptor<Void> TICK = TaskDescriptor.builder("Flow.tick", TypeRef.VOID)
            .queue("flow").param("n", TypeRef.of(int.class)).build();

    /** Records its start and end around a sleep; one job per key at once. */
    public static final TaskDescriptor<Void> KEYED = TaskDescriptor.builder("Flow.keyed", TypeRef.VOID)
            .queue("flow").param("key", TypeRef.of(String.class)).param("millis", TypeRef.of(long.class))
            .concurrencyKey("key", 1).build();

    /** Microseconds since the epoch, as ledger data. */
    static String now() {
        Instant t = Instant.now();
        return Long.toString(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000);
    }

    /** The task class. */
    public static final class Flow {
        public void tick(int n) {
            Ledger.record("run", n < 0 ? "warm" : "tick", now());
        }

        public void keyed(String key, long millis) throws InterruptedException {
            Ledger.record("run", key, now());
            Thread.sleep(millis);
            Ledger.record("end", key, now());
        }
    }

    /** The dispatch table. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Flow.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(TICK, Flow.class, Flow::new, (o, a) -> {
                        o.tick(a.<Integer>get(0));
                        return null;
                    }),
                    TaskEntry.of(KEYED, Flow.class, Flow::new, (o, a) -> {
                        o.keyed(a.get(0), a.<Long>get(1));
                        return null;
                    }));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Ledger.open(Path.of(args[2]), "worker-" + ProcessHandle.current().pid());
        Spool spool = Spool.builder().redisUrl(args[0]).namespace(args[1]).poolSize(8).build();
        Worker worker = Worker.builder(spool).taskTables(List.of(new Table())).queues("flow")
                .concurrency(Integer.parseInt(args[4])).leaseDuration(Duration.ofMillis(Long.parseLong(args[3])))
                .maintenanceInterval(Duration.ofMillis(200)).shutdownGrace(Duration.ofSeconds(1)).build().start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            spool.close();
            stop.countDown();
        }));
        System.out.println("READY " + worker.id());
        System.out.flush();
        stop.await();
    }

    private FlowWorkerMain() {}
}
