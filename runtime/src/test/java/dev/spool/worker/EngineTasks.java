package dev.spool.worker;

import dev.spool.JobContext;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Tasks for the worker-engine tests: a stubborn sleeper, a long runner, a saboteur, a recorder. */
final class EngineTasks {

    static final TaskDescriptor<String> STUBBORN = TaskDescriptor.builder("Engine.stubborn", TypeRef.of(String.class))
            .queue("engine").param("millis", TypeRef.of(Long.class)).build();
    static final TaskDescriptor<String> QUICK = TaskDescriptor.builder("Engine.quick", TypeRef.of(String.class))
            .queue("engine").param("tag", TypeRef.of(String.class)).build();
    static final TaskDescriptor<String> LONG = TaskDescriptor.builder("Engine.long", TypeRef.of(String.class))
            .queue("engine").param("millis", TypeRef.of(Long.class)).build();
    static final TaskDescriptor<String> SABOTAGE = TaskDescriptor.builder("Engine.sabotage", TypeRef.of(String.class))
            .queue("sabotage").build();
    static final TaskDescriptor<String> WHO_AM_I = TaskDescriptor.builder("Engine.whoAmI", TypeRef.of(String.class))
            .queue("engine").build();

    /** Runs per job id (more than one reveals a second run). */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** Whether a stubborn task is still inside its method. */
    static final AtomicBoolean STUBBORN_RUNNING = new AtomicBoolean();
    /** What the saboteur does to its own job (set by the test). */
    static volatile Consumer<JobContext> sabotage = job -> {};

    static String stubborn(long millis) {
        STUBBORN_RUNNING.set(true);
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException ignored) {
                    // a task that ignores interruption
                }
            }
        } finally {
            STUBBORN_RUNNING.set(false);
        }
        return "finally";
    }

    static String run(long millis) throws InterruptedException {
        JobContext job = JobContext.current().orElseThrow();
        RUNS.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(millis);
        return "ran " + job.attempt();
    }

    static String sabotage() throws InterruptedException {
        sabotage.accept(JobContext.current().orElseThrow());
        Thread.sleep(10_000);
        return "never";
    }

    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return EngineTasks.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.ofStatic(STUBBORN, EngineTasks.class, (o, a) -> stubborn(a.<Long>get(0))),
                    TaskEntry.ofStatic(QUICK, EngineTasks.class, (o, a) -> a.<String>get(0)),
                    TaskEntry.ofStatic(LONG, EngineTasks.class, (o, a) -> run(a.<Long>get(0))),
                    TaskEntry.ofStatic(SABOTAGE, EngineTasks.class, (o, a) -> sabotage()),
                    TaskEntry.ofStatic(WHO_AM_I, EngineTasks.class, (o, a) -> JobContext.current().orElseThrow().id()));
        }
    }

    private EngineTasks() {}
}
