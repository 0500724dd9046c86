package dev.spool.workflow;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written stand-ins for generated descriptors and table, plus the task class, for workflow tests. */
public final class FlowTasks {

    /** A record with generics around it in the chain test. */
    public record Score(String name, int points) {}

    static final TypeRef<List<Integer>> INTS = TypeRef.parameterized(List.class, TypeRef.of(Integer.class));
    static final TypeRef<List<Score>> SCORES = TypeRef.parameterized(List.class, TypeRef.of(Score.class));
    static final TypeRef<Map<String, Score>> BY_NAME =
            TypeRef.parameterized(Map.class, TypeRef.of(String.class), TypeRef.of(Score.class));

    public static final TaskDescriptor<Integer> SQUARE = TaskDescriptor.builder("Flow.square", TypeRef.of(Integer.class))
            .queue("members").param("x", TypeRef.of(int.class)).build();
    /** The 1,000-member chord's callback: counts its runs. */
    public static final TaskDescriptor<Long> COLLECT = TaskDescriptor.builder("Flow.collect", TypeRef.of(Long.class))
            .queue("callbacks").param("squares", INTS).param("round", TypeRef.of(String.class)).build();
    /** Fails for good when x is 13 (after one retry). */
    public static final TaskDescriptor<Integer> FRAGILE = TaskDescriptor.builder("Flow.fragile", TypeRef.of(Integer.class))
            .queue("members").retries(1).param("x", TypeRef.of(int.class)).build();

    // seed 000: two workers on their own queues, an aggregator
    public static final TaskDescriptor<Long> COUNT = TaskDescriptor.builder("Stats.count", TypeRef.of(Long.class))
            .queue("worker1").param("dataset", TypeRef.of(String.class)).build();
    public static final TaskDescriptor<Double> SUM = TaskDescriptor.builder("Stats.sum", TypeRef.of(Double.class))
            .queue("worker2").param("dataset", TypeRef.of(String.class)).build();
    public static final TaskDescriptor<String> MEAN = TaskDescriptor.builder("Stats.mean", TypeRef.of(String.class))
            .queue("aggregator").param("count", TypeRef.of(long.class)).param("sum", TypeRef.of(double.class))
            .param("label", TypeRef.of(String.class)).build();

    // a chain with generics
    public static final TaskDescriptor<List<Score>> SCORE = TaskDescriptor.builder("Text.score", SCORES)
            .param("text", TypeRef.of(String.class)).build();
    public static final TaskDescriptor<Map<String, Score>> INDEX = TaskDescriptor.builder("Text.index", BY_NAME)
            .queue("members").param("scores", SCORES).param("prefix", TypeRef.of(String.class)).build();
    public static final TaskDescriptor<Score> BEST = TaskDescriptor.builder("Text.best", TypeRef.of(Score.class))
            .param("byName", BY_NAME).param("bonus", TypeRef.of(int.class)).build();

    public static final TaskDescriptor<String> TAG = TaskDescriptor.builder("Flow.tag", TypeRef.of(String.class))
            .param("tag", TypeRef.of(String.class)).build();

    public static final TaskDescriptor<Integer> ADD = TaskDescriptor.builder("Flow.add", TypeRef.of(Integer.class))
            .param("a", TypeRef.of(int.class)).param("b", TypeRef.of(int.class)).param("c", TypeRef.of(int.class)).build();

    public static final TaskDescriptor<Void> NOTE = TaskDescriptor.builder("Flow.note", TypeRef.of(Void.class))
            .param("tag", TypeRef.of(String.class)).build();

    public static final TaskDescriptor<Void> ALERT = TaskDescriptor.builder("Flow.alert", TypeRef.of(Void.class))
            .param("failure", TypeRef.of(WorkflowFailure.class)).param("tag", TypeRef.of(String.class)).build();

    /** The failures each onFailure handler run received, by its tag. */
    public static final Map<String, List<WorkflowFailure>> ALERTS = new ConcurrentHashMap<>();

    public static final AtomicInteger COLLECTED = new AtomicInteger();
    public static final Map<String, AtomicInteger> COLLECTED_BY_ROUND = new ConcurrentHashMap<>();
    public static final AtomicInteger MEANS = new AtomicInteger();
    public static final AtomicInteger BESTS = new AtomicInteger();
    public static final List<String> TAGS = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The task class. */
    public static final class Flow {
        public int square(int x) {
            return x * x;
        }

        /** Returns a checksum of the squares in order: sum of i * squares[i]. */
        public long collect(List<Integer> squares, String round) {
            COLLECTED.incrementAndGet();
            COLLECTED_BY_ROUND.computeIfAbsent(round, r -> new AtomicInteger()).incrementAndGet();
            long checksum = 0;
            for (int i = 0; i < squares.size(); i++) {
                checksum += (long) i * squares.get(i);
            }
            return checksum;
        }

        public int fragile(int x) {
            if (x == 13) {
                throw new IllegalStateException("unlucky " + x);
            }
            return x;
        }

        public long count(String dataset) {
            return dataset.split(",").length;
        }

        public double sum(String dataset) {
            double sum = 0;
            for (String v : dataset.split(",")) {
                sum += Double.parseDouble(v);
            }
            return sum;
        }

        public String mean(long count, double sum, String label) {
            MEANS.incrementAndGet();
            return label + "=" + (sum / count);
        }

        public List<Score> score(String text) {
            List<Score> scores = new ArrayList<>();
            for (String word : text.split(" ")) {
                scores.add(new Score(word, word.length()));
            }
            return scores;
        }

        public Map<String, Score> index(List<Score> scores, String prefix) {
            Map<String, Score> byName = new TreeMap<>();
            for (Score s : scores) {
                byName.put(prefix + s.name(), s);
            }
            return byName;
        }

        public Score best(Map<String, Score> byName, int bonus) {
            BESTS.incrementAndGet();
            Score best = byName.values().stream().max(java.util.Comparator.comparingInt(Score::points)).orElseThrow();
            return new Score(best.name(), best.points() + bonus);
        }

        public void alert(WorkflowFailure failure, String tag) {
            ALERTS.computeIfAbsent(tag, t -> java.util.Collections.synchronizedList(new ArrayList<>())).add(failure);
        }

        public int add(int a, int b, int c) {
            return a + b + c;
        }

        public void note(String tag) {
            TAGS.add(tag);
        }

        public String tag(String tag) {
            TAGS.add(tag);
            return tag;
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
                    TaskEntry.of(SQUARE, Flow.class, Flow::new, (o, a) -> o.square(a.<Integer>get(0))),
                    TaskEntry.of(COLLECT, Flow.class, Flow::new, (o, a) -> o.collect(a.get(0), a.get(1))),
                    TaskEntry.of(FRAGILE, Flow.class, Flow::new, (o, a) -> o.fragile(a.<Integer>get(0))),
                    TaskEntry.of(COUNT, Flow.class, Flow::new, (o, a) -> o.count(a.get(0))),
                    TaskEntry.of(SUM, Flow.class, Flow::new, (o, a) -> o.sum(a.get(0))),
                    TaskEntry.of(MEAN, Flow.class, Flow::new, (o, a) -> o.mean(a.<Long>get(0), a.<Double>get(1), a.get(2))),
                    TaskEntry.of(SCORE, Flow.class, Flow::new, (o, a) -> o.score(a.get(0))),
                    TaskEntry.of(INDEX, Flow.class, Flow::new, (o, a) -> o.index(a.get(0), a.get(1))),
                    TaskEntry.of(BEST, Flow.class, Flow::new, (o, a) -> o.best(a.get(0), a.<Integer>get(1))),
                    TaskEntry.of(TAG, Flow.class, Flow::new, (o, a) -> o.tag(a.get(0))),
                    TaskEntry.of(ALERT, Flow.class, Flow::new, (o, a) -> {
                        o.alert(a.get(0), a.get(1));
                        return null;
                    }),
                    TaskEntry.of(ADD, Flow.class, Flow::new,
                            (o, a) -> o.add(a.<Integer>get(0), a.<Integer>get(1), a.<Integer>get(2))),
                    TaskEntry.of(NOTE, Flow.class, Flow::new, (o, a) -> {
                        o.note(a.get(0));
                        return null;
                    }));
        }
    }
}
