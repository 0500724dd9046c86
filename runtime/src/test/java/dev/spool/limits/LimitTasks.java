package dev.spool.limits;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written stand-ins for generated code: tasks that record when they start and how many of a key run. */
final class LimitTasks {

    /** Records its start (nanoTime), then returns. */
    static final TaskDescriptor<Void> TICK = TaskDescriptor.builder("Limits.tick", TypeRef.VOID)
            .queue("metered").param("n", TypeRef.of(int.class)).build();

    /** Runs for {@code millis} under a key, at most one of a key at once. */
    static final TaskDescriptor<Void> ONE_PER_KEY = TaskDescriptor.builder("Limits.onePerKey", TypeRef.VOID)
            .queue("keyed").param("key", TypeRef.of(String.class)).param("millis", TypeRef.of(long.class))
            .concurrencyKey("key", 1).build();

    /** Runs under a key, at most two of a key at once; waits (up to 3 s) until two of its key run. */
    static final TaskDescriptor<Void> TWO_PER_KEY = TaskDescriptor.builder("Limits.twoPerKey", TypeRef.VOID)
            .queue("keyed").param("key", TypeRef.of(int.class)).concurrencyKey("key", 2).build();

    /** Blocks until {@link #RELEASE} opens (at most 10 s), under a key, one at a time. */
    static final TaskDescriptor<Void> HOLD = TaskDescriptor.builder("Limits.hold", TypeRef.VOID)
            .queue("keyed").param("key", TypeRef.of(String.class)).param("tag", TypeRef.of(String.class))
            .concurrencyKey("key", 1).build();

    /** Returns its argument: the first step of a chain. */
    static final TaskDescriptor<Long> NUMBER = TaskDescriptor.builder("Limits.number", TypeRef.of(Long.class))
            .queue("keyed").param("n", TypeRef.of(long.class)).build();

    /** A chain step: sleeps for its input (ms) under a key bound when the chain starts, one at a time. */
    static final TaskDescriptor<Void> KEYED_STEP = TaskDescriptor.builder("Limits.keyedStep", TypeRef.VOID)
            .queue("keyed").param("millis", TypeRef.of(long.class)).param("key", TypeRef.of(String.class))
            .concurrencyKey("key", 1).build();

    static final List<Long> STARTS = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();
    static final AtomicInteger RUNNING_ALL = new AtomicInteger();
    static final AtomicInteger MOST_ALL = new AtomicInteger();
    static final List<String> FINISHED = new CopyOnWriteArrayList<>();
    /** When each {@link #HOLD} run began (nanoTime), by tag. */
    static final Map<String, Long> STARTED_AT = new ConcurrentHashMap<>();
    /** The task threads that ran each key's jobs, by key. */
    static final Map<String, Set<String>> THREADS = new ConcurrentHashMap<>();
    static volatile CountDownLatch release = new CountDownLatch(1);

    private LimitTasks() {}

    static void reset() {
        STARTS.clear();
        RUNNING.clear();
        MOST.clear();
        RUNNING_ALL.set(0);
        MOST_ALL.set(0);
        FINISHED.clear();
        STARTED_AT.clear();
        THREADS.clear();
        release = new CountDownLatch(1);
    }

    private static int enter(String key) {
        THREADS.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
        int now = RUNNING.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        MOST.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        MOST_ALL.accumulateAndGet(RUNNING_ALL.incrementAndGet(), Math::max);
        return now;
    }

    private static void leave(String key, String tag) {
        RUNNING_ALL.decrementAndGet();
        RUNNING.get(key).decrementAndGet();
        FINISHED.add(tag);
    }

    /** The task class. */
    static final class Tasks {
        void tick(int n) {
            STARTS.add(System.nanoTime());
        }

        void onePerKey(String key, long millis) throws InterruptedException {
            enter(key);
            try {
                Thread.sleep(millis);
            } finally {
                leave(key, key);
            }
        }

        void twoPerKey(int key) throws InterruptedException {
            String k = Integer.toString(key);
            enter(k);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (RUNNING.get(k).get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(20);
            } finally {
                leave(k, k);
            }
        }

        void hold(String key, String tag) throws InterruptedException {
            STARTED_AT.putIfAbsent(tag, System.nanoTime());
            enter(key);
            try {
                release.await(10, TimeUnit.SECONDS);
            } finally {
                leave(key, tag);
            }
        }
    }

    /** The dispatch table. */
    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Tasks.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(TICK, Tasks.class, Tasks::new, (o, a) -> {
                        o.tick(a.<Integer>get(0));
                        return null;
                    }),
                    TaskEntry.of(ONE_PER_KEY, Tasks.class, Tasks::new, (o, a) -> {
                        o.onePerKey(a.get(0), a.<Long>get(1));
                        return null;
                    }),
                    TaskEntry.of(TWO_PER_KEY, Tasks.class, Tasks::new, (o, a) -> {
                        o.twoPerKey(a.<Integer>get(0));
                        return null;
                    }),
                    TaskEntry.of(NUMBER, Tasks.class, Tasks::new, (o, a) -> a.<Long>get(0)),
                    TaskEntry.of(KEYED_STEP, Tasks.class, Tasks::new, (o, a) -> {
                        o.onePerKey(a.get(1), a.<Long>get(0));
                        return null;
                    }),
                    TaskEntry.of(HOLD, Tasks.class, Tasks::new, (o, a) -> {
                        o.hold(a.get(0), a.get(1));
                        return null;
                    }));
        }
    }
}
