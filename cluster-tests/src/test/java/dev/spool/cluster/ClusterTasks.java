package dev.spool.cluster;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Tasks on three queues, {@code alpha}, {@code beta} and {@code gamma} (hand-written stand-ins
 * for what the annotation processor generates). {@link #namespaceOnThreeMasters} picks a namespace
 * whose three queues hash to the slots of three different masters.
 */
final class ClusterTasks {

    static final List<String> QUEUES = List.of("alpha", "beta", "gamma");
    static final TypeRef<List<Integer>> INTS = TypeRef.parameterized(List.class, TypeRef.of(Integer.class));

    static final TaskDescriptor<Integer> ADD = TaskDescriptor.builder("Calc.add", TypeRef.of(Integer.class))
            .queue("alpha").param("a", TypeRef.of(int.class)).param("b", TypeRef.of(int.class)).build();
    static final TaskDescriptor<Integer> SQUARE = TaskDescriptor.builder("Calc.square", TypeRef.of(Integer.class))
            .queue("beta").param("x", TypeRef.of(int.class)).build();
    static final TaskDescriptor<Long> SUM = TaskDescriptor.builder("Calc.sum", TypeRef.of(Long.class))
            .queue("gamma").param("values", INTS).param("label", TypeRef.of(String.class)).build();
    static final TaskDescriptor<String> FLAKY = TaskDescriptor.builder("Calc.flaky", TypeRef.of(String.class))
            .queue("beta").retries(3).param("key", TypeRef.of(String.class)).param("failures", TypeRef.of(int.class)).build();
    static final TaskDescriptor<String> LABEL = TaskDescriptor.builder("Calc.label", TypeRef.of(String.class))
            .queue("gamma").param("a", TypeRef.of(int.class)).param("b", TypeRef.of(int.class))
            .param("prefix", TypeRef.of(String.class)).build();
    /** Records each run's tag (a second run of one tag shows as a count of 2). */
    static final TaskDescriptor<String> MARK = TaskDescriptor.builder("Calc.mark", TypeRef.of(String.class))
            .queue("alpha").param("tag", TypeRef.of(String.class)).build();

    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> MARKS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> SUMS = new ConcurrentHashMap<>();
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private ClusterTasks() {}

    /** A namespace starting with {@code prefix} whose queues are on three different thirds of the slots. */
    static String namespaceOnThreeMasters(String prefix) {
        for (int i = 0; ; i++) {
            String ns = prefix + i;
            Set<Integer> thirds = new java.util.HashSet<>();
            for (String queue : QUEUES) {
                thirds.add(JedisClusterCRC16.getSlot("{" + ns + ":" + queue + "}") * 3 / 16384);
            }
            if (thirds.size() == 3) {
                return ns;
            }
        }
    }

    /** The task class. */
    static final class Calc {
        public int add(int a, int b) {
            return a + b;
        }

        public int square(int x) {
            return x * x;
        }

        public long sum(List<Integer> values, String label) {
            SUMS.computeIfAbsent(label, l -> new AtomicInteger()).incrementAndGet();
            long sum = 0;
            for (int i = 0; i < values.size(); i++) {
                sum += (long) (i + 1) * values.get(i);
            }
            return sum;
        }

        public String flaky(String key, int failures) {
            int attempt = ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalStateException("attempt " + attempt + " fails");
            }
            return key + " after " + attempt;
        }

        public String label(int a, int b, String prefix) {
            return prefix + a + "/" + b;
        }

        public String mark(String tag) {
            MARKS.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
            return tag;
        }
    }

    /** The dispatch table. */
    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Calc.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(ADD, Calc.class, Calc::new, (o, a) -> o.add(a.<Integer>get(0), a.<Integer>get(1))),
                    TaskEntry.of(SQUARE, Calc.class, Calc::new, (o, a) -> o.square(a.<Integer>get(0))),
                    TaskEntry.of(SUM, Calc.class, Calc::new, (o, a) -> o.sum(a.get(0), a.get(1))),
                    TaskEntry.of(FLAKY, Calc.class, Calc::new, (o, a) -> o.flaky(a.get(0), a.<Integer>get(1))),
                    TaskEntry.of(LABEL, Calc.class, Calc::new, (o, a) -> o.label(a.<Integer>get(0), a.<Integer>get(1), a.get(2))),
                    TaskEntry.of(MARK, Calc.class, Calc::new, (o, a) -> o.mark(a.get(0))));
        }
    }
}
