package dev.spool.fault;

import dev.spool.JobContext;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The tasks of the fault suite, with a hand-written dispatch table (what the processor generates). */
public final class FaultTasks {

    /** A record argument for the hostile-input cases. */
    public record Named(String name) {}

    /**
     * Must never be constructed: a class that a payload names in {@code "@class"} or a type-id
     * array. Only polymorphic default typing would create it.
     */
    public static final class Canary {
        public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
        public String name;

        public Canary() {
            CONSTRUCTED.incrementAndGet();
        }
    }

    /** Records a run, sleeps, records the end; returns the id of the worker that ran it. */
    public static final TaskDescriptor<String> WORK = TaskDescriptor.builder("Fault.work", TypeRef.of(String.class))
            .queue("fault").param("key", TypeRef.of(String.class)).param("millis", TypeRef.of(long.class)).build();

    /** Records a run, then kills its worker process after a delay (Runtime.halt). */
    public static final TaskDescriptor<Void> HALT = TaskDescriptor.builder("Fault.halt", TypeRef.VOID)
            .queue("fault").param("key", TypeRef.of(String.class)).param("delayMillis", TypeRef.of(long.class)).build();

    /**
     * A chord member: records a run, sleeps, and returns {@code x*x/<worker id>}, which its "end"
     * line carries too (so the ledger says which run computed which result).
     */
    public static final TaskDescriptor<String> MEMBER = TaskDescriptor.builder("Fault.member", TypeRef.of(String.class))
            .queue("fault").param("key", TypeRef.of(String.class)).param("x", TypeRef.of(int.class))
            .param("millis", TypeRef.of(long.class)).build();

    /**
     * A chord callback: records its run, and its "end" line carries every input it received, in
     * order, joined with commas; returns how many it received.
     */
    public static final TaskDescriptor<Integer> GATHER = TaskDescriptor.builder("Fault.gather", TypeRef.of(Integer.class))
            .queue("fault").param("results", TypeRef.parameterized(List.class, TypeRef.of(String.class)))
            .param("key", TypeRef.of(String.class)).build();

    /** What {@link #MEMBER} computes from x, before the worker id. */
    public static String memberValue(int x) {
        return Long.toString((long) x * x);
    }

    /** The handler the hostile payloads aim at; counts its invocations. */
    public static final TaskDescriptor<Integer> ACCEPT = TaskDescriptor.builder("Fault.accept", TypeRef.of(Integer.class))
            .queue("fault").retries(3).param("thing", TypeRef.of(Named.class)).param("count", TypeRef.of(int.class)).build();

    /** A handler whose parameter may nest (to exercise the nesting bound). */
    public static final TaskDescriptor<Integer> TREE = TaskDescriptor.builder("Fault.tree", TypeRef.of(Integer.class))
            .queue("fault").retries(3).param("tree", TypeRef.parameterized(List.class, TypeRef.of(Object.class))).build();

    /** Invocations of {@link #ACCEPT}'s and {@link #TREE}'s handlers in this process. */
    public static final AtomicInteger ACCEPTED = new AtomicInteger();

    /** The task class. */
    public static final class Fault {
        public String work(String key, long millis) throws InterruptedException {
            Ledger.record("run", key);
            if (millis > 0) {
                Thread.sleep(millis);
            }
            Ledger.record("end", key);
            return JobContext.current().orElseThrow().workerId();
        }

        public void halt(String key, long delayMillis) throws InterruptedException {
            Ledger.record("run", key);
            Thread.sleep(delayMillis);
            Runtime.getRuntime().halt(99);
        }

        public String member(String key, int x, long millis) throws InterruptedException {
            Ledger.record("run", key);
            if (millis > 0) {
                Thread.sleep(millis);
            }
            String result = memberValue(x) + "/" + JobContext.current().orElseThrow().workerId();
            Ledger.record("end", key, result);
            return result;
        }

        public int gather(List<String> results, String key) {
            Ledger.record("run", key);
            Ledger.record("end", key, results.isEmpty() ? "-" : String.join(",", results));
            return results.size();
        }

        public int accept(Named thing, int count) {
            ACCEPTED.incrementAndGet();
            return count;
        }

        public int tree(List<Object> tree) {
            ACCEPTED.incrementAndGet();
            return tree.size();
        }
    }

    /** The dispatch table. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Fault.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(WORK, Fault.class, Fault::new, (o, a) -> o.work(a.get(0), a.<Long>get(1))),
                    TaskEntry.of(HALT, Fault.class, Fault::new, (o, a) -> {
                        o.halt(a.get(0), a.<Long>get(1));
                        return null;
                    }),
                    TaskEntry.of(MEMBER, Fault.class, Fault::new, (o, a) -> o.member(a.get(0), a.<Integer>get(1), a.<Long>get(2))),
                    TaskEntry.of(GATHER, Fault.class, Fault::new, (o, a) -> o.gather(a.get(0), a.get(1))),
                    TaskEntry.of(ACCEPT, Fault.class, Fault::new, (o, a) -> o.accept(a.get(0), a.<Integer>get(1))),
                    TaskEntry.of(TREE, Fault.class, Fault::new, (o, a) -> o.tree(a.get(0))));
        }
    }

    private FaultTasks() {}
}
