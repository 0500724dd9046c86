package dev.spool.fault;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tasks of the nested workflow fault test ({@link NestedShape}), with a hand-written dispatch
 * table: a first job, steps of chains that each transform a value, and a callback over the chains'
 * last results. Every run records "run" and "end" lines in the ledger; an "end" line carries the
 * value computed (the callback's: every input, in order, joined with commas).
 */
public final class NestedTasks {

    private static final long MOD = 1_000_000_007L;

    /** The first job: {@link #prepared} of the seed. */
    public static final TaskDescriptor<Long> PREPARE = TaskDescriptor.builder("Nested.prepare", TypeRef.of(Long.class))
            .queue("fault").param("seed", TypeRef.of(long.class)).build();

    /** A step of chain {@code chain}: sleeps, then returns {@link #stepped} of its input. */
    public static final TaskDescriptor<Long> STEP = TaskDescriptor.builder("Nested.step", TypeRef.of(Long.class))
            .queue("fault").param("value", TypeRef.of(long.class)).param("chain", TypeRef.of(int.class))
            .param("step", TypeRef.of(int.class)).param("millis", TypeRef.of(long.class)).build();

    /** The callback: records the list it received; returns its size. */
    public static final TaskDescriptor<Integer> COLLECT = TaskDescriptor.builder("Nested.collect", TypeRef.of(Integer.class))
            .queue("fault").param("values", TypeRef.parameterized(List.class, TypeRef.of(Long.class))).build();

    /** The ledger key of the first job. */
    public static final String PREPARE_KEY = "prep";
    /** The ledger key of the callback. */
    public static final String CALLBACK_KEY = "callback";

    /** The ledger key of step {@code step} (1-based) of chain {@code chain}. */
    public static String stepKey(int chain, int step) {
        return "c" + chain + "-s" + step;
    }

    /** What the first job computes. */
    public static long prepared(long seed) {
        return Math.floorMod(seed * 1_000_003L + 17, MOD);
    }

    /** What step {@code step} of chain {@code chain} computes from its input. */
    public static long stepped(long value, int chain, int step) {
        return Math.floorMod(value * 31 + chain * 7L + step, MOD);
    }

    /** The task class. */
    public static final class Nested {
        public long prepare(long seed) {
            Ledger.record("run", PREPARE_KEY);
            long value = prepared(seed);
            Ledger.record("end", PREPARE_KEY, Long.toString(value));
            return value;
        }

        public long step(long value, int chain, int step, long millis) throws InterruptedException {
            Ledger.record("run", stepKey(chain, step));
            Thread.sleep(millis);
            long next = stepped(value, chain, step);
            Ledger.record("end", stepKey(chain, step), Long.toString(next));
            return next;
        }

        public int collect(List<Long> values) {
            Ledger.record("run", CALLBACK_KEY);
            Ledger.record("end", CALLBACK_KEY, values.isEmpty() ? "-"
                    : values.stream().map(String::valueOf).collect(Collectors.joining(",")));
            return values.size();
        }
    }

    /** The dispatch table. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Nested.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(PREPARE, Nested.class, Nested::new, (o, a) -> o.prepare(a.<Long>get(0))),
                    TaskEntry.of(STEP, Nested.class, Nested::new,
                            (o, a) -> o.step(a.<Long>get(0), a.<Integer>get(1), a.<Integer>get(2), a.<Long>get(3))),
                    TaskEntry.of(COLLECT, Nested.class, Nested::new, (o, a) -> o.collect(a.get(0))));
        }
    }

    private NestedTasks() {}
}
