package dev.spool.test;

import dev.spool.Job;
import dev.spool.JobFailure;
import dev.spool.JobOptions;
import dev.spool.SpoolException;
import dev.spool.internal.Codec;
import dev.spool.internal.FinishedJob;
import dev.spool.internal.InlineRunner;
import dev.spool.internal.JobIds;
import dev.spool.spi.Arguments;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inline mode: runs each job at once in the calling thread. The arguments make the same JSON round
 * trip as on Redis (so a type that would not survive the queue fails here too), the task is found
 * in the generated dispatch tables and called directly, and the result is encoded and decoded back.
 * Each job runs once: retries, delays and timeouts are not simulated.
 */
final class InlineDispatch implements InlineRunner {

    private final Codec codec = new Codec(512 * 1024 * 1024);
    private final Map<String, TaskEntry<?, ?>> entries = new HashMap<>();
    private final Map<Class<?>, Object> owners = new ConcurrentHashMap<>();
    private volatile String misuse;

    InlineDispatch(List<TaskTable> tables) {
        for (TaskTable table : tables) {
            for (TaskEntry<?, ?> entry : table.entries()) {
                entries.putIfAbsent(entry.task().name(), entry);
            }
        }
    }

    /** Every generated table on the class path, as a worker finds them. */
    static InlineDispatch fromClassPath() {
        return new InlineDispatch(ServiceLoader.load(TaskTable.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /** Why the last misuse failed (a task not on the class path), or null. */
    String misuse() {
        return misuse;
    }

    /** Forgets the last misuse, once it failed its test. */
    void clearMisuse() {
        misuse = null;
    }

    @Override
    public <R> Job<R> run(TaskDescriptor<R> task, JobOptions options, Object[] arguments) {
        TaskEntry<?, ?> entry = entries.get(task.name());
        if (entry == null) {
            misuse = "inline mode: task \"" + task.name() + "\" is not on the class path (no generated"
                    + " TaskTable in META-INF/services/dev.spool.spi.TaskTable lists it); compile its class"
                    + " with Spool's annotation processor";
            throw new SpoolException(misuse);
        }
        String queue = options.queue().orElse(task.queue());
        String id = JobIds.next();
        Object[] decoded = codec.decodeArguments(task, codec.encodeArguments(task, arguments == null ? new Object[] {null} : arguments));
        try {
            Object result = invoke(entry, decoded);
            R typed = codec.decode(task.resultType(), codec.encode(task.resultType(), result));
            return new FinishedJob<>(id, queue, task.name(), 1, typed, null);
        } catch (Exception | AssertionError e) {
            return new FinishedJob<>(id, queue, task.name(), 1, null,
                    new JobFailure(e.getClass().getName(), String.valueOf(e.getMessage()), stackTrace(e), 1));
        }
    }

    @SuppressWarnings("unchecked")
    private Object invoke(TaskEntry<?, ?> entry, Object[] arguments) throws Exception {
        TaskEntry<Object, Object> call = (TaskEntry<Object, Object>) entry;
        Object owner = call.isStatic() ? null : owners.computeIfAbsent(call.ownerType(), type -> call.constructor()
                .orElseThrow(() -> new SpoolException("inline mode: " + type.getName() + " has no accessible no-arg"
                        + " constructor; give it one, or test it with a worker (@SpoolTest(worker = true))"))
                .get());
        return call.invoker().invoke(owner, new Arguments() {
            @Override
            public int size() {
                return arguments.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(int index) {
                return (T) arguments[index];
            }
        });
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
