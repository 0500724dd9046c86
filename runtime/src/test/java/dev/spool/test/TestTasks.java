package dev.spool.test;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written stand-ins for what the annotation processor generates, plus the task class. */
public final class TestTasks {

    /** A record argument and result. */
    public record Point(int x, int y) {}

    public static final TaskDescriptor<Integer> ADD = TaskDescriptor.builder("Calc.add", TypeRef.of(Integer.class))
            .param("a", TypeRef.of(int.class)).param("b", TypeRef.of(int.class)).build();

    public static final TypeRef<List<Map<String, Point>>> NESTED = TypeRef.parameterized(List.class,
            TypeRef.parameterized(Map.class, TypeRef.of(String.class), TypeRef.of(Point.class)));

    public static final TaskDescriptor<List<Map<String, Point>>> MIRROR =
            TaskDescriptor.builder("Calc.mirror", NESTED).param("points", NESTED).param("at", TypeRef.of(Instant.class)).build();

    public static final TaskDescriptor<Void> BOOM = TaskDescriptor.builder("Calc.boom", TypeRef.VOID)
            .param("message", TypeRef.of(String.class)).build();

    public static final TaskDescriptor<String> FLAKY = TaskDescriptor.builder("Calc.flaky", TypeRef.of(String.class))
            .retries(3).param("key", TypeRef.of(String.class)).param("failures", TypeRef.of(int.class)).build();

    public static final TaskDescriptor<Long> SLEEP = TaskDescriptor.builder("Calc.sleep", TypeRef.of(Long.class))
            .param("millis", TypeRef.of(long.class)).build();

    public static final TaskDescriptor<String> RECORD = TaskDescriptor.builder("Calc.record", TypeRef.of(String.class))
            .param("tag", TypeRef.of(String.class)).build();

    public static final TaskDescriptor<Long> SLOW_LIMITED = TaskDescriptor.builder("Calc.slowLimited", TypeRef.of(Long.class))
            .timeout(Duration.ofMillis(200)).param("millis", TypeRef.of(long.class)).build();

    public static final TaskDescriptor<Integer> STEPS = TaskDescriptor.builder("Calc.steps", TypeRef.of(Integer.class))
            .param("steps", TypeRef.of(int.class)).param("pauseMicros", TypeRef.of(long.class))
            .param("holdMillis", TypeRef.of(long.class)).build();

    /** {@link #RECORD} with a start deadline of its own: 300 ms after it is due. */
    public static final TaskDescriptor<String> RECORD_SOON = TaskDescriptor.builder("Calc.recordSoon", TypeRef.of(String.class))
            .expiresIn(Duration.ofMillis(300)).param("tag", TypeRef.of(String.class)).build();

    /** When the last {@link #STEPS} run began and ended its reports (nanoTime). */
    public static final java.util.concurrent.atomic.AtomicLong STEPS_BEGAN = new java.util.concurrent.atomic.AtomicLong();
    public static final java.util.concurrent.atomic.AtomicLong STEPS_ENDED = new java.util.concurrent.atomic.AtomicLong();

    /** Runs per key, for the flaky task. */
    public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    /** Tags recorded by {@link #RECORD}, in order of runs (duplicates reveal double runs). */
    public static final List<String> RECORDED = new CopyOnWriteArrayList<>();
    /** Jobs running right now and the most seen at once. */
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    public static final Set<String> INTERRUPTED = ConcurrentHashMap.newKeySet();

    /** The task class. */
    public static final class Calc {
        public int add(int a, int b) {
            return a + b;
        }

        public List<Map<String, Point>> mirror(List<Map<String, Point>> points, Instant at) {
            return points.stream().map(m -> {
                Map<String, Point> out = new java.util.TreeMap<>();
                m.forEach((k, p) -> out.put(k, new Point(p.y(), p.x())));
                return out;
            }).map(m -> (Map<String, Point>) m).toList();
        }

        public void boom(String message) {
            throw new IllegalStateException(message);
        }

        public String flaky(String key, int failures) {
            int attempt = ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalArgumentException("attempt " + attempt + " fails");
            }
            return key + " after " + attempt;
        }

        public long sleep(long millis) throws InterruptedException {
            int now = RUNNING.incrementAndGet();
            MAX_RUNNING.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(millis);
                return millis;
            } catch (InterruptedException e) {
                INTERRUPTED.add(Thread.currentThread().getName());
                throw e;
            } finally {
                RUNNING.decrementAndGet();
            }
        }

        /** Reports progress {@code steps} times, one pause apart, then holds (interruptibly) and returns steps. */
        public int steps(int steps, long pauseMicros, long holdMillis) throws InterruptedException {
            dev.spool.JobContext job = dev.spool.JobContext.current().orElseThrow();
            STEPS_BEGAN.set(System.nanoTime());
            for (int i = 1; i <= steps; i++) {
                job.progress(i / (double) steps, "step " + i + " of " + steps);
                java.util.concurrent.locks.LockSupport.parkNanos(pauseMicros * 1000);
            }
            STEPS_ENDED.set(System.nanoTime());
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                if (job.cancelled()) {
                    INTERRUPTED.add(Thread.currentThread().getName());
                }
                throw e;
            }
            return steps;
        }

        public String record(String tag) {
            RECORDED.add(tag);
            return tag;
        }
    }

    /** The dispatch table. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Calc.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(ADD, Calc.class, Calc::new, (o, a) -> o.add(a.<Integer>get(0), a.<Integer>get(1))),
                    TaskEntry.of(MIRROR, Calc.class, Calc::new, (o, a) -> o.mirror(a.get(0), a.get(1))),
                    TaskEntry.of(BOOM, Calc.class, Calc::new, (o, a) -> {
                        o.boom(a.get(0));
                        return null;
                    }),
                    TaskEntry.of(FLAKY, Calc.class, Calc::new, (o, a) -> o.flaky(a.get(0), a.<Integer>get(1))),
                    TaskEntry.of(SLEEP, Calc.class, Calc::new, (o, a) -> o.sleep(a.<Long>get(0))),
                    TaskEntry.of(SLOW_LIMITED, Calc.class, Calc::new, (o, a) -> o.sleep(a.<Long>get(0))),
                    TaskEntry.of(STEPS, Calc.class, Calc::new,
                            (o, a) -> o.steps(a.<Integer>get(0), a.<Long>get(1), a.<Long>get(2))),
                    TaskEntry.of(RECORD_SOON, Calc.class, Calc::new, (o, a) -> o.record(a.get(0))),
                    TaskEntry.of(RECORD, Calc.class, Calc::new, (o, a) -> o.record(a.get(0))));
        }
    }
}
