package dev.spool.internal;

import dev.spool.CodecException;
import dev.spool.JobOptions;
import dev.spool.PayloadTooLargeException;
import dev.spool.RedisOutOfMemoryException;
import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Operator;
import dev.spool.internal.queue.QueueCalls;
import dev.spool.internal.queue.Reply;
import dev.spool.spi.TaskDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

// Over 400 lines: write() with its id-clash, out-of-memory and lost-reply handling is most of it. Move
// writing to a class of its own before adding more.
/**
 * What a {@link dev.spool.Spool} client is made of: the connection, keys, codec, broker and
 * settings. Spool's worker reaches it through {@link Access}; application code never does.
 */
public final class SpoolCore implements AutoCloseable {

    private final Redis redis;
    private final Keys keys;
    private final Codec codec;
    private final Broker broker;
    private final Duration resultTtl;
    private final Duration deadTtl;
    private final int maxPayloadBytes;
    private final String url;
    private volatile ScheduledExecutorService poller;
    private volatile Completions completions;
    private volatile AsyncEnqueuer asyncEnqueuer;
    private final Operator operator;
    private final EvictionCheck evictionCheck;
    private final DataEpoch epoch;
    /** Queues this process has put in the namespace's registry already (one SADD per queue per process). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final InlineRunner inline;
    private final JobPreparer preparer;

    /** Assembles a core; the client builder validates the settings. */
    public SpoolCore(Redis redis, String url, String namespace, Duration resultTtl, Duration deadTtl, int maxPayloadBytes) {
        this(redis, url, namespace, resultTtl, deadTtl, maxPayloadBytes, null);
    }

    private SpoolCore(Redis redis, String url, String namespace, Duration resultTtl, Duration deadTtl, int maxPayloadBytes,
            InlineRunner inline) {
        this.inline = inline;
        this.redis = redis;
        this.url = url;
        this.keys = new Keys(namespace);
        this.codec = new Codec(maxPayloadBytes);
        this.broker = new Broker(redis);
        this.operator = new Operator(redis, broker, keys);
        this.evictionCheck = new EvictionCheck(broker, url);
        this.epoch = new DataEpoch(redis, keys, url);
        this.resultTtl = resultTtl;
        this.deadTtl = deadTtl;
        this.maxPayloadBytes = maxPayloadBytes;
        this.preparer = new JobPreparer(keys, codec, maxPayloadBytes, Propagation.load());
    }

    /** A core with no connection whose jobs {@code runner} runs in the calling thread. */
    static SpoolCore inline(String namespace, InlineRunner runner) {
        return new SpoolCore(null, "inline", namespace, Duration.ofDays(1), Duration.ofDays(7), 512 * 1024 * 1024,
                java.util.Objects.requireNonNull(runner, "runner"));
    }

    /** The inline runner of an inline client, else null. */
    public InlineRunner inline() {
        return inline;
    }

    /**
     * The connection.
     *
     * @throws dev.spool.SpoolException for an inline client, which has none
     */
    public Redis redis() {
        connected();
        return redis;
    }

    private void connected() {
        if (redis == null) {
            throw new dev.spool.SpoolException("an inline Spool client has no Redis: only enqueues and workflows"
                    + " run inline (use @SpoolTest without inline = true to inspect queues, run workers or read dead letters)");
        }
    }

    /** The redacted Redis URL. */
    public String url() {
        return url;
    }

    /** The key builder. */
    public Keys keys() {
        return keys;
    }

    /** The codec. */
    public Codec codec() {
        return codec;
    }

    /** The broker. */
    public Broker broker() {
        return broker; // of an inline client too (its calls fail); redis() and operator() say why
    }

    /**
     * What a client checks when it connects: Redis' eviction policy (a loud warning unless
     * {@code noeviction}) and the namespace's data epoch.
     */
    public void checkOnConnect() {
        evictionCheck.check();
        try {
            epoch.read();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SpoolCore.class).debug("Could not read the data epoch: {}", e.getMessage());
        }
    }

    /** The eviction-policy check (workers run it every minute). */
    public EvictionCheck evictionCheck() {
        return evictionCheck;
    }

    /** The namespace's data epoch. */
    public DataEpoch epoch() {
        return epoch;
    }

    /** The operator protocol: counts, listings, pause, purge, cancel, registry, heartbeats. */
    public Operator operator() {
        connected();
        return operator;
    }

    /**
     * Makes sure these queues are in the namespace's registry: the first time this process uses a
     * queue it costs one {@code SADD}, after that nothing.
     */
    public void register(java.util.Collection<QueueKeys> queues) {
        Set<String> fresh = null;
        for (QueueKeys q : queues) {
            if (!registered.contains(q.queue())) {
                if (fresh == null) {
                    fresh = new java.util.TreeSet<>();
                }
                fresh.add(q.queue());
            }
        }
        if (fresh != null) {
            operator.register(fresh);
            registered.addAll(fresh);
        }
    }

    /** Forgets which queues were registered (after a queue was removed from the registry). */
    public void forgetRegistered(String queue) {
        registered.remove(queue);
    }

    /** How long results are kept. */
    public Duration resultTtl() {
        return resultTtl;
    }

    /** The largest encoded arguments of one job, in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** How long failed jobs are kept. */
    public Duration deadTtl() {
        return deadTtl;
    }

    /** A job ready to be written: its queue, id, packed payload and when it runs. */
    public record Prepared(QueueKeys queue, String id, String task, String payload, String when) {}

    /**
     * Encodes and checks one job without writing anything; it carries the enqueueing thread's
     * context ({@link dev.spool.spi.JobContextPropagator}).
     */
    public Prepared prepare(TaskDescriptor<?> task, JobOptions options, Object[] arguments) {
        return preparer.prepare(task, options, arguments, JobIds.next(), true);
    }

    /** As {@link #prepare}, for a workflow job whose id the workflow chose. */
    public Prepared prepare(TaskDescriptor<?> task, JobOptions options, Object[] arguments, String id) {
        return preparer.prepare(task, options, arguments, id, true);
    }

    /**
     * As {@link #prepare}, for a payload that is only checked or kept as a template (schedules,
     * periodic tasks): it carries no context, so no propagator sees a job that is not enqueued now.
     */
    public Prepared template(TaskDescriptor<?> task, JobOptions options, Object[] arguments) {
        return preparer.prepare(task, options, arguments, JobIds.next(), false);
    }

    /**
     * Writes prepared jobs in one pipeline: a lone job with {@code enqueueJob-4.lua}, jobs of one
     * queue and one start time with {@code enqueueJobs-4.lua} (up to 1,000 per call); each job is
     * written atomically on its own. Ids that clash get new ones. When Redis refuses some of them
     * for memory, the exception names the ids that were written.
     */
    public List<Prepared> write(List<Prepared> jobs) {
        register(jobs.size() == 1 ? List.of(jobs.get(0).queue()) : jobs.stream().map(Prepared::queue).distinct().toList());
        List<Prepared> pending = jobs;
        List<Prepared> written = new ArrayList<>(jobs);
        java.util.Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            positions.put(jobs.get(i).id(), i);
        }
        List<String> writtenIds = new ArrayList<>(jobs.size());
        epoch.ensure();
        for (int round = 0; round < 5 && !pending.isEmpty(); round++) {
            List<List<Prepared>> groups = groups(pending);
            List<Redis.Call> calls = new ArrayList<>(groups.size());
            for (List<Prepared> group : groups) {
                calls.add(call(group));
            }
            List<Object> results;
            try {
                results = broker.runAll(calls);
            } catch (ReplyLostException e) {
                throw new SpoolException("enqueue got no answer from Redis (asked twice): " + (writtenIds.isEmpty()
                        ? "" : writtenIds.size() + " of " + jobs.size() + " jobs were written, ") + pending.size()
                        + " job(s) may still be written, and run, once the requests reach Redis: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (calls.size() > 1 || groups.get(0).size() == 1) {
                    throw e;
                }
                results = List.of(e); // one batch call: refused as a whole, reported as a pipeline's refusals are
            }
            List<Prepared> clashes = new ArrayList<>();
            RuntimeException refused = null;
            for (int g = 0; g < results.size(); g++) {
                List<Prepared> group = groups.get(g);
                Object result = results.get(g);
                if (result instanceof RuntimeException e) {
                    refused = refused == null ? e : refused;
                    continue;
                }
                List<?> codes = result instanceof List<?> list ? list : List.of(result);
                for (int i = 0; i < group.size(); i++) {
                    if (Reply.ofEnqueue(codes.get(i)) == Reply.ID_TAKEN) {
                        Prepared old = group.get(i);
                        Prepared fresh = new Prepared(old.queue(), JobIds.next(), old.task(), old.payload(), old.when());
                        int at = positions.remove(old.id());
                        written.set(at, fresh);
                        positions.put(fresh.id(), at);
                        clashes.add(fresh);
                    } else {
                        writtenIds.add(group.get(i).id());
                    }
                }
            }
            if (refused != null) {
                throw refusal(refused, writtenIds, jobs.size());
            }
            pending = clashes;
        }
        if (!pending.isEmpty()) {
            throw new SpoolException("could not find a free job id after 5 attempts");
        }
        return written;
    }

    /** Jobs in batches of one queue and one start time, in order within each batch. */
    private static List<List<Prepared>> groups(List<Prepared> jobs) {
        if (jobs.size() == 1) {
            return List.of(jobs);
        }
        java.util.Map<List<Object>, List<List<Prepared>>> byTarget = new java.util.LinkedHashMap<>();
        List<List<Prepared>> groups = new ArrayList<>();
        for (Prepared p : jobs) {
            List<List<Prepared>> batches = byTarget.computeIfAbsent(List.of(p.queue(), p.when()), k -> new ArrayList<>());
            List<Prepared> last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
            if (last == null || last.size() == QueueCalls.ENQUEUE_JOBS_BATCH) {
                last = new ArrayList<>();
                batches.add(last);
                groups.add(last);
            }
            last.add(p);
        }
        return groups;
    }

    private static Redis.Call call(List<Prepared> group) {
        Prepared first = group.get(0);
        if (group.size() == 1) {
            return QueueCalls.enqueue(first.queue(), first.id(), first.payload(), first.when());
        }
        List<String> idsAndPayloads = new ArrayList<>(group.size() * 2);
        for (Prepared p : group) {
            idsAndPayloads.add(p.id());
            idsAndPayloads.add(p.payload());
        }
        return QueueCalls.enqueueJobs(first.queue(), first.when(), idsAndPayloads);
    }

    private static SpoolException refusal(RuntimeException e, List<String> writtenIds, int batch) {
        String written = writtenIds.isEmpty() ? "nothing was written"
                : writtenIds.size() + " of " + batch + " jobs were written (see writtenIds), the others were not";
        if (Redis.isOutOfMemory(e)) {
            return new RedisOutOfMemoryException("enqueue refused, Redis is out of memory (maxmemory); " + written
                    + ": " + e.getMessage(), e, writtenIds);
        }
        return new SpoolException("enqueue failed; " + written + ": " + e.getMessage(), e);
    }

    /** A shared scheduler for futures of job handles (one daemon thread, created on first use). */
    public ScheduledExecutorService poller() {
        ScheduledExecutorService p = poller;
        if (p == null) {
            synchronized (this) {
                p = poller;
                if (p == null) {
                    AtomicInteger n = new AtomicInteger();
                    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "spool-await-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    executor.setRemoveOnCancelPolicy(true);
                    poller = p = executor;
                }
            }
        }
        return p;
    }

    /**
     * Writes a prepared job on the client's enqueue thread, batched with the other jobs waiting
     * there; the future completes with the job as written.
     */
    public java.util.concurrent.CompletableFuture<Prepared> writeAsync(Prepared job) {
        AsyncEnqueuer a = asyncEnqueuer;
        if (a == null) {
            synchronized (this) {
                a = asyncEnqueuer;
                if (a == null) {
                    asyncEnqueuer = a = new AsyncEnqueuer(this);
                }
            }
        }
        return a.submit(job);
    }

    /** The subscriber that learns of awaited jobs' outcomes (connects on first use). */
    public Completions completions() {
        Completions c = completions;
        if (c == null) {
            synchronized (this) {
                c = completions;
                if (c == null) {
                    completions = c = new Completions(redis);
                }
            }
        }
        return c;
    }

    /** Checks a decoded argument count; kept here so client and worker agree. */
    static void checkArity(TaskDescriptor<?> task, int count) {
        if (count != task.parameters().size()) {
            throw new CodecException(task + " takes " + task.parameters().size() + " arguments, not " + count);
        }
    }

    @Override
    public void close() {
        AsyncEnqueuer a = asyncEnqueuer;
        if (a != null) {
            a.close(5_000);
        }
        Completions c = completions;
        if (c != null) {
            c.close();
        }
        ScheduledExecutorService p = poller;
        if (p != null) {
            p.shutdownNow();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
