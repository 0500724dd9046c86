package dev.spool;

import dev.spool.internal.Access;
import dev.spool.internal.Flows;
import dev.spool.internal.JobHandle;
import dev.spool.internal.JobIds;
import dev.spool.internal.Keys;
import dev.spool.internal.Locks;
import dev.spool.internal.Redis;
import dev.spool.internal.RedisClients;
import dev.spool.internal.RedisTopology;
import dev.spool.internal.RedisUrl;
import dev.spool.internal.SpoolCore;
import dev.spool.internal.TlsContext;
import dev.spool.internal.TlsFailures;
import dev.spool.internal.UniqueJobs;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;

// Over 400 lines: the public client and its Builder are one API a user reads together (Spool.builder()
// returns Spool.Builder); the work behind each method lives in internal classes. Split the Builder out
// (and keep Spool.Builder as its name) before adding more.
/**
 * A connection to one Spool namespace on one Redis server: what generated stubs enqueue through,
 * and what workers fetch from. Thread-safe; create one per application and close it on shutdown.
 *
 * <pre>{@code
 * try (Spool spool = Spool.connect("redis://127.0.0.1:6379")) {
 *     ThumbnailsTasks tasks = new ThumbnailsTasks(spool);
 *     Thumbnail thumbnail = tasks.render(image, 256).await(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class Spool implements AutoCloseable {

    static {
        Access.register(spool -> spool.core, Spool::new);
    }

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** The namespace used unless one is configured. */
    public static final String DEFAULT_NAMESPACE = "spool";

    private final SpoolCore core;
    private final Locks locks;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Spool(SpoolCore core) {
        this.core = core;
        this.locks = new Locks(core.broker(), core.keys());
    }

    /** A client with default settings for this Redis URL ({@code redis://} or {@code rediss://}). */
    public static Spool connect(String redisUrl) {
        return builder().redisUrl(redisUrl).build();
    }

    /** Starts configuring a client. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Enqueues one job of {@code task} with these arguments. Generated stubs call this; application
     * code calls the stubs. The job's payload and its queue entry are written in one atomic step.
     * A unique job ({@link JobOptions#unique(String)}, {@code @Task(unique)}) whose key a job still
     * holds is not added: the handle returned is that job's.
     *
     * @throws CodecException if the arguments do not match the task's parameters or do not encode
     * @throws PayloadTooLargeException if the encoded arguments exceed {@link Builder#maxPayloadBytes}
     * @throws SpoolException if Redis cannot be reached
     */
    public <R> Job<R> enqueue(TaskDescriptor<R> task, JobOptions options, Object... arguments) {
        if (core.inline() != null) {
            return core.inline().run(task, options, arguments);
        }
        if (!options.dependsOn().isEmpty()) {
            if (options.unique().isPresent()) {
                throw new IllegalArgumentException("a unique job cannot also depend on other jobs (dependsOn)");
            }
            return Flows.of(core).enqueueDependent(task, options, arguments);
        }
        SpoolCore.Prepared prepared = core.prepare(task, options, arguments);
        Optional<JobOptions.UniqueKey> unique = UniqueJobs.keyOf(core.codec(), task, options, arguments);
        SpoolCore.Prepared job = unique.isPresent() ? UniqueJobs.enqueue(core, prepared, unique.get())
                : core.write(List.of(prepared)).get(0);
        return new JobHandle<>(core, job.queue(), job.id(), task.name(), task.resultType());
    }

    /**
     * Enqueues many jobs of one task in one pipelined round trip; each job is written atomically,
     * and every argument list is encoded and checked before anything is written.
     *
     * @param argumentLists one array of arguments per job
     * @return the handles, in the order of {@code argumentLists}
     */
    public <R> List<Job<R>> enqueueAll(TaskDescriptor<R> task, JobOptions options, List<Object[]> argumentLists) {
        if (!options.dependsOn().isEmpty() || options.unique().isPresent() || task.unique().isPresent()
                || core.inline() != null) {
            List<Job<R>> dependents = new ArrayList<>(argumentLists.size());
            for (Object[] arguments : argumentLists) {
                dependents.add(enqueue(task, options, arguments));
            }
            return dependents;
        }
        List<SpoolCore.Prepared> prepared = new ArrayList<>(argumentLists.size());
        for (Object[] arguments : argumentLists) {
            prepared.add(core.prepare(task, options, arguments));
        }
        List<Job<R>> jobs = new ArrayList<>(prepared.size());
        for (SpoolCore.Prepared job : core.write(prepared)) {
            jobs.add(new JobHandle<>(core, job.queue(), job.id(), task.name(), task.resultType()));
        }
        return jobs;
    }

    /**
     * Enqueues one job without waiting for Redis: the arguments are encoded and checked now (and
     * throw as {@link #enqueue} does), the job is written on the client's enqueue thread together
     * with the other jobs waiting there (one round trip for all, batched per queue). The future
     * completes with the handle once the job is written, or with the {@link SpoolException}.
     *
     * @throws IllegalArgumentException for options with {@code dependsOn} (use {@link #enqueue})
     */
    public <R> CompletableFuture<Job<R>> enqueueAsync(TaskDescriptor<R> task, JobOptions options, Object... arguments) {
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("a job with dependsOn cannot be enqueued asynchronously; use enqueue");
        }
        if (core.inline() != null) { // runs now, as enqueue does on an inline client
            return CompletableFuture.completedFuture(enqueue(task, options, arguments));
        }
        if (options.unique().isPresent() || task.unique().isPresent()) { // decided by its own script, one by one
            core.template(task, options, arguments); // bad arguments throw here, as documented
            return CompletableFuture.supplyAsync(() -> enqueue(task, options, arguments), core.poller());
        }
        return core.writeAsync(core.prepare(task, options, arguments))
                .thenApply(job -> new JobHandle<>(core, job.queue(), job.id(), task.name(), task.resultType()));
    }

    /** A batch of jobs to enqueue in one round trip (see {@link JobBatch}); generated stubs wrap it in typed methods. */
    public JobBatch batch() {
        return new JobBatch(core);
    }

    /**
     * Decodes a JSON array of arguments to exactly the task's declared parameter types, generics
     * included, with the same strict rules a worker uses (no scalar coercion, no polymorphic typing):
     * for callers that receive arguments as JSON, such as an HTTP API, before {@link #enqueue}.
     *
     * @throws CodecException naming the argument (position and parameter name) that does not decode
     */
    public Object[] decodeArguments(TaskDescriptor<?> task, String argumentsJson) {
        return core.codec().decodeArguments(Objects.requireNonNull(task, "task"),
                Objects.requireNonNull(argumentsJson, "argumentsJson"));
    }

    /** A handle to a job enqueued earlier, possibly by another process. */
    public <R> Job<R> job(String queue, String id, TypeRef<R> resultType) {
        if (!JobIds.isValid(id)) {
            throw new SpoolException("invalid job id \"" + id + "\"");
        }
        return new JobHandle<>(core, core.keys().queue(queue), id, null, Objects.requireNonNull(resultType, "resultType"));
    }

    /**
     * A workflow started earlier, possibly by another process that has since stopped, found by its
     * id ({@link dev.spool.workflow.WorkflowJob#workflowId()}); its final result decodes as {@code
     * resultType}. See {@link dev.spool.workflow.Workflow#find}.
     *
     * @return empty if no workflow has that id or its record has expired
     */
    public <R> java.util.Optional<dev.spool.workflow.WorkflowJob<R>> workflow(String workflowId, TypeRef<R> resultType) {
        return dev.spool.workflow.Workflow.find(this, workflowId, resultType);
    }

    /**
     * A workflow started earlier, its final result decoded to plain JSON values (maps, lists,
     * strings, numbers): for status pages and operators that do not know its result type.
     *
     * @return empty if no workflow has that id or its record has expired
     */
    public java.util.Optional<dev.spool.workflow.WorkflowJob<Object>> workflow(String workflowId) {
        return workflow(workflowId, TypeRef.of(Object.class));
    }

    /** The jobs of {@code queue} that failed for good, to inspect, retry or delete. */
    public DeadLetters deadLetters(String queue) {
        return new DeadLetters(core, core.keys().queue(queue));
    }

    /**
     * One queue, to inspect and control: counts, listings, pause, purge, cancel. Any valid name
     * works, also of a queue nobody has used yet (its counts are zero).
     *
     * @throws SpoolException if the name breaks the queue-name rule
     */
    public JobQueue queue(String queue) {
        return new JobQueue(core, core.keys().queue(queue));
    }

    /**
     * Every queue this namespace knows (the names clients have enqueued to and workers have served,
     * kept in one Redis set), sorted by name, with their counts: one pipelined round trip for all.
     */
    public List<QueueCounts> queues() {
        List<String> names = new ArrayList<>(core.operator().registered());
        List<dev.spool.internal.Keys.QueueKeys> keys = new ArrayList<>(names.size());
        for (String name : names) {
            keys.add(core.keys().queue(name));
        }
        List<QueueCounts> out = new ArrayList<>(names.size());
        List<dev.spool.internal.queue.Operator.Counts> counts = keys.isEmpty() ? List.of() : core.operator().counts(keys);
        for (int i = 0; i < names.size(); i++) {
            out.add(JobQueue.toCounts(names.get(i), counts.get(i)));
        }
        return out;
    }

    /** Finds a job by id in every queue this namespace knows; empty if none has a record of it. */
    public Optional<JobInfo> findJob(String id) {
        for (String name : core.operator().registered()) {
            java.util.Optional<JobInfo> job = queue(name).job(id);
            if (job.isPresent()) {
                return job;
            }
        }
        return java.util.Optional.empty();
    }

    /** The workers alive in this namespace (a heartbeat within the last 30 s), sorted by id. */
    public List<WorkerInfo> workers() {
        List<WorkerInfo> out = new ArrayList<>();
        core.operator().workers().forEach((id, f) -> out.add(new WorkerInfo(id, f.getOrDefault("host", ""),
                number(f.get("pid")), f.getOrDefault("queues", "").isEmpty() ? List.of()
                        : List.of(f.get("queues").split(",")), (int) number(f.get("concurrency")),
                (int) number(f.get("inHand")), java.time.Instant.ofEpochMilli(number(f.get("started"))),
                java.time.Instant.ofEpochMilli(number(f.get("beat"))))));
        out.sort(java.util.Comparator.comparing(WorkerInfo::id));
        return out;
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Takes the named lock, waiting as long as another owner holds it; renewed every third of
     * {@code lease} until {@linkplain SpoolLock#close() released}. See {@link SpoolLock} for what it
     * guarantees and what it does not.
     *
     * @param name the lock's name (the rule of queue names: no braces, colons or spaces)
     * @param lease how long the lock stays taken when its holder stops renewing it (at least 10 ms)
     */
    public SpoolLock lock(String name, Duration lease) {
        core.redis(); // an inline client has none: its clear SpoolException, not a failure inside the lock
        return new SpoolLock(locks.acquire(name, Objects.requireNonNull(lease, "lease"), null));
    }

    /**
     * Takes the named lock if it is free within {@code wait}; empty when another owner still holds it
     * then. {@link Duration#ZERO} tries once.
     */
    public Optional<SpoolLock> tryLock(String name, Duration lease, Duration wait) {
        core.redis(); // an inline client has none
        Locks.Held held = locks.acquire(name, Objects.requireNonNull(lease, "lease"), Objects.requireNonNull(wait, "wait"));
        return held == null ? Optional.empty() : Optional.of(new SpoolLock(held));
    }

    /**
     * The namespace's periodic schedules: add, list and remove cron schedules of any task with fixed
     * arguments ({@code @Periodic} tasks are registered by their workers).
     */
    public Schedules schedules() {
        return new Schedules(core);
    }

    /** The namespace every key of this client starts with. */
    public String namespace() {
        return core.keys().namespace();
    }

    /**
     * Releases the locks this client still holds and closes the connections to Redis. Jobs already
     * enqueued are not affected.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            locks.close();
            core.close();
        }
    }

    @Override
    public String toString() {
        return "Spool(" + core.url() + ", namespace " + namespace() + ")";
    }

    /** Configures a {@link Spool} client. */
    public static final class Builder {
        private String redisUrl = "redis://127.0.0.1:6379";
        private String namespace = DEFAULT_NAMESPACE;
        private Duration resultTtl = Duration.ofDays(1);
        private Duration deadTtl = Duration.ofDays(7);
        private int poolSize = 16;
        private int maxPayloadBytes = 512 * 1024;
        private Duration timeout = Duration.ofSeconds(5);
        private TlsOptions tls;

        private Builder() {}

        /**
         * Where Redis is; {@code redis://127.0.0.1:6379} unless set. User and password may be
         * percent-encoded; an {@code s} after {@code redis} means TLS for every connection (see
         * {@link #tls(TlsOptions)}).
         *
         * <ul>
         *   <li>one Redis: {@code redis[s]://[user:password@]host:port[/database]};
         *   <li>a Redis Cluster: {@code redis[s]-cluster://[user:password@]host:port,host:port,...}
         *       (seed nodes; the others are learned from them);
         *   <li>Sentinel: {@code redis[s]-sentinel://[user:password@]host:port,host:port,.../<master name>[/database]}
         *       (the sentinels; the credentials are the master's).
         * </ul>
         */
        public Builder redisUrl(String redisUrl) {
            this.redisUrl = Objects.requireNonNull(redisUrl, "redisUrl");
            return this;
        }

        /**
         * The prefix of every key Spool writes; {@code spool} unless set. 1 to 100 letters, digits,
         * {@code .}, {@code _} or {@code -}.
         */
        public Builder namespace(String namespace) {
            this.namespace = Keys.validate("namespace", namespace);
            return this;
        }

        /** How long a finished job's result is kept; one day unless set; at least one second. */
        public Builder resultTtl(Duration resultTtl) {
            this.resultTtl = atLeastOneSecond("resultTtl", resultTtl);
            return this;
        }

        /** How long a job that failed for good is kept for inspection and retry; 7 days unless set. */
        public Builder deadTtl(Duration deadTtl) {
            this.deadTtl = atLeastOneSecond("deadTtl", deadTtl);
            return this;
        }

        /** The most connections to Redis; 16 unless set. A worker adds its concurrency on top. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** The largest encoded arguments of one job, in bytes; 512 KiB unless set. */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            if (maxPayloadBytes < 64) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 64: " + maxPayloadBytes);
            }
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /**
         * How to connect over TLS: trusted authorities, client certificate, host name check. Only
         * for {@code rediss://} URLs, which use {@link TlsOptions#defaults()} unless this is set:
         * the JVM's trust store, and the server's certificate must name the URL's host.
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Connect and command timeout; 5 seconds unless set. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** A broadcast to every cluster node that failed: the first node's error, whose cause may be TLS. */
        private static RuntimeException unwrap(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof redis.clients.jedis.exceptions.JedisBroadcastException broadcast) {
                    for (Object reply : broadcast.getReplies().values()) {
                        if (reply instanceof RuntimeException failure) {
                            return failure;
                        }
                    }
                }
            }
            return e;
        }

        private static Duration atLeastOneSecond(String what, Duration duration) {
            if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(what + " must be at least one second: " + duration);
            }
            return duration;
        }

        /**
         * Connects: checks the URL, opens the pool and its first connection. Spool's scripts are
         * loaded at their first call, each once per client.
         *
         * @throws SpoolException if the URL is invalid, Redis cannot be reached, or its TLS
         *     certificate is refused (the message says why: host name, expiry or authority)
         */
        public Spool build() {
            RedisTopology topology = RedisTopology.parse(redisUrl);
            RedisUrl url = topology.first();
            TlsContext tlsContext = TlsContext.forUrl(url, tls == null ? null : tls.settings());
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(poolSize);
            pool.setMaxIdle(poolSize);
            pool.setMinIdle(0);
            pool.setJmxEnabled(false);
            // Idle connections are checked with PING every 30 s; a dead one is dropped and replaced.
            // A connection that fails in use (reset, timeout) is discarded by Jedis at once.
            pool.setTestWhileIdle(true);
            pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
            Redis redis = null;
            try {
                redis = new Redis(RedisClients.create(topology, url.clientConfig("spool", (int) timeout.toMillis(), tlsContext),
                        pool), topology.toString());
                redis.call(j -> j.ping()); // opens the first connection: unreachable, refused, AUTH or TLS errors show here
            } catch (RuntimeException e) {
                if (redis != null) {
                    redis.close();
                }
                RuntimeException explained = TlsFailures.explain(unwrap(e), url, tlsContext,
                        tls != null && tls.hasClientCertificate(), (int) timeout.toMillis());
                if (explained instanceof SpoolException) {
                    throw explained;
                }
                throw new SpoolException("cannot connect to Redis at " + topology + ": " + e.getMessage(), e);
            }
            log.debug("Connected to {} (namespace {})", topology, namespace);
            SpoolCore core = new SpoolCore(redis, topology.toString(), namespace, resultTtl, deadTtl, maxPayloadBytes);
            core.checkOnConnect();
            return new Spool(core);
        }
    }
}
