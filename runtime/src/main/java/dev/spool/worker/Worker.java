// The facade is ~200 lines, the rest is the public Worker.Builder, which must nest here (its
// setters are mostly their Javadoc); every part of the engine has a file of its own.
package dev.spool.worker;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;
import dev.spool.internal.Access;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: fetches them in batches from its queues (in priority order), runs up to {@code
 * concurrency} at once on threads named {@code spool-worker-<n>}, renews their leases while they
 * run, records results and failures, and keeps its queues healthy (promotes due jobs, takes back
 * jobs whose worker died). A task that throws, a payload that does not decode or an unknown task
 * ends as a failed job; it never stops the worker.
 *
 * <pre>{@code
 * try (Spool spool = Spool.connect(url);
 *      Worker worker = Worker.builder(spool).concurrency(8).build().start()) {
 *     ... // until shutdown
 * }
 * }</pre>
 *
 * <p>This class is the facade; each moving part has a file and (where it waits) a thread of its
 * own: {@link Fetcher}, {@link JobRunner} on {@link TaskThreads}, {@link Timeouts}, {@link
 * Outcomes} and the {@link Acker}, {@link LeaseKeeper}, {@link QueueMaintenance}, {@link
 * HandBack}; see {@code docs/architecture.md}.
 *
 * <p>{@link #close()} shuts down gracefully: stops fetching, waits up to the shutdown grace for
 * running jobs, hands the rest back to their queues at once, and returns.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final WorkerConfig config;
    private final TaskRegistry registry;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Slots slots;
    private final Outcomes outcomes;
    private final TaskThreads threads;
    private final Timeouts timeouts;
    private final JobRunner runner;
    private final Fetcher fetcher;
    private final Acker acker;
    private final LeaseKeeper leaseKeeper;
    private final QueueMaintenance maintenance;
    private final Ticker ticker;
    private final HandBack handBack;
    private final Heartbeat heartbeat;
    private final Cancellations cancellations;
    private final ProgressReports progress;
    private final Runnable onUnhealthy;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean unhealthy = new AtomicBoolean();

    private Worker(WorkerConfig config, TaskRegistry registry, Runnable onUnhealthy) {
        this.config = config;
        this.registry = registry;
        this.onUnhealthy = onUnhealthy;
        this.slots = new Slots(config.limit());
        this.outcomes = new Outcomes(config, slots, inFlight);
        this.threads = new TaskThreads(config.concurrency(), config.virtualThreads());
        this.timeouts = new Timeouts(config, outcomes, threads, this::becomeUnhealthy);
        this.handBack = new HandBack(config, outcomes, inFlight);
        this.runner = new JobRunner(config, registry, slots, outcomes, timeouts, f -> handBack.stale(List.of(f)),
                new HandOn(config, slots, outcomes, inFlight));
        this.fetcher = new Fetcher(config, slots, outcomes,
                (job, leasedAt) -> threads.execute(runner.start(job, inFlight, leasedAt)),
                (jobs, leasedAt) -> handBack.unstarted(jobs.stream()
                        .map(job -> (Runnable) runner.start(job, inFlight, leasedAt)).toList()));
        this.acker = new Acker(slots, outcomes);
        this.leaseKeeper = new LeaseKeeper(config, inFlight, handBack);
        this.maintenance = new QueueMaintenance(config, registry.hasConcurrencyKeys());
        this.ticker = new Ticker(config, registry.periodic());
        this.heartbeat = new Heartbeat(config, inFlight::size, Heartbeat.hostName());
        this.cancellations = new Cancellations(config, inFlight);
        this.progress = new ProgressReports(config, inFlight);
    }

    /**
     * This worker's id, {@code worker-<n>-<pid>@<host>} unless set: recorded with every attempt in
     * a job's history and available to tasks through {@link dev.spool.JobContext}.
     */
    public String id() {
        return config.name();
    }

    /** Starts configuring a worker for the jobs of this client's namespace. */
    public static Builder builder(Spool spool) {
        return new Builder(spool);
    }

    /** The names of the tasks this worker runs, sorted. */
    public Set<String> tasks() {
        return registry.names();
    }

    /** The queues this worker fetches from, in priority order. */
    public List<String> queues() {
        return config.queues().stream().map(QueueKeys::queue).toList();
    }

    /** How many jobs this worker runs at once. */
    public int concurrency() {
        return config.concurrency();
    }

    /** How many jobs this worker holds right now. */
    public int jobsInHand() {
        return inFlight.size();
    }

    /**
     * False once more task threads than {@link Builder#maxStuckThreads} ignored a timeout's
     * interrupt: the worker then fetches no more jobs and should be restarted.
     */
    public boolean healthy() {
        return !unhealthy.get();
    }

    private void becomeUnhealthy() {
        if (unhealthy.compareAndSet(false, true)) {
            log.error("{} is unhealthy: {} task thread(s) ignore their timeout's interrupt (limit {}); it fetches no"
                    + " more jobs and should be restarted", config.name(), timeouts.stuckThreads(), config.maxStuckThreads());
            slots.stopFetching();
            onUnhealthy.run();
        }
    }

    /**
     * Starts fetching and running jobs; returns at once.
     *
     * @throws dev.spool.SpoolException if the Redis user may not use the worker's queues (NOPERM)
     */
    public Worker start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a worker starts once");
        }
        AccessCheck.check(config);
        config.core().register(config.queues());
        leaseKeeper.start();
        maintenance.start();
        ticker.start();
        acker.start();
        fetcher.start();
        cancellations.start();
        progress.start();
        heartbeat.start();
        log.info("{} started: {} task(s), queues {}, concurrency {}, prefetch {}", config.name(), registry.names().size(),
                queues(), config.concurrency(), config.prefetch());
        log.debug("{} runs the tasks {}", config.name(), registry.names());
        return this;
    }

    /**
     * Shuts down gracefully: stops fetching, waits up to the shutdown grace for running jobs, hands
     * the rest back to their queues at once (they run again elsewhere), and returns. Does not close
     * the {@link Spool} client.
     */
    @Override
    public void close() {
        drain();
    }

    /**
     * Shuts down as {@link #close()} does and tells whether the drain was clean: true when every
     * running job finished within the shutdown grace, false when some were handed back unfinished.
     */
    public boolean drain() {
        if (!closed.compareAndSet(false, true) || !started.get()) {
            return true;
        }
        log.info("{} shutting down: {} job(s) in hand", config.name(), inFlight.size());
        slots.stopFetching();
        fetcher.join(config.leaseDuration().toMillis());
        handBack.unstarted(threads.drainUnstarted());
        threads.shutdown();
        int cut = 0;
        try {
            if (!threads.awaitTermination(config.shutdownGrace().toMillis())) {
                cut = handBack.unfinished();
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            cut = handBack.unfinished();
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timeouts.stop();
        acker.stop(10_000);
        leaseKeeper.stop();
        maintenance.stop();
        ticker.stop();
        cancellations.stop();
        progress.stop();
        heartbeat.stop();
        log.info("{} stopped{}", config.name(), cut == 0 ? "" : "; " + cut + " unfinished job(s) were handed back");
        return cut == 0;
    }

    @Override
    public String toString() {
        return config.name() + " " + queues();
    }

    // ---- builder -------------------------------------------------------------------------------

    /** Configures a {@link Worker}. */
    public static final class Builder {
        private final SpoolCore core;
        private List<TaskTable> taskTables;
        private List<String> queues;
        private Map<String, Integer> weights;
        private int concurrency = Runtime.getRuntime().availableProcessors();
        private TaskInstanceProvider instanceProvider;
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration reservation = Duration.ofSeconds(5);
        private Duration maintenanceInterval = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(1);
        private int reclaimLimit = 5;
        private String workerId;
        private boolean keepResults = true;
        private Integer prefetch;
        private Integer maxStuckThreads;
        private boolean virtualThreads;
        private final List<JobInterceptor> interceptors = new ArrayList<>(List.of(new LoggingContext()));
        private final List<JobListener> listeners = new ArrayList<>();
        private Runnable onUnhealthy = () -> {};

        private Builder(Spool spool) {
            this.core = Access.core(Objects.requireNonNull(spool, "spool"));
        }

        /** The dispatch tables to serve; unless set, every table found by {@link ServiceLoader}. */
        public Builder taskTables(List<? extends TaskTable> taskTables) {
            this.taskTables = List.copyOf(taskTables);
            return this;
        }

        /** The queues to fetch from, highest priority first; unless set, every queue of the tasks, sorted. */
        public Builder queues(List<String> queues) {
            if (queues.isEmpty()) {
                throw new IllegalArgumentException("at least one queue is needed");
            }
            this.queues = List.copyOf(queues);
            this.weights = null; // strict order
            return this;
        }

        /** The queues to fetch from, highest priority first. */
        public Builder queues(String... queues) {
            return queues(List.of(queues));
        }

        /**
         * The queues to fetch from, each with a weight from 1 to 1,000, asked in a random order drawn
         * before every fetch in which a queue of weight 6 comes first six times as often as one of
         * weight 1 (Sidekiq's weighted queues), so a busy queue cannot starve the others. Replaces
         * {@link #queues(List)}, whose order is strict.
         */
        public Builder queueWeights(Map<String, Integer> weights) {
            weights.forEach((queue, weight) -> {
                if (weight == null || weight < 1 || weight > 1000) {
                    throw new IllegalArgumentException("the weight of queue " + queue + " must be from 1 to 1000: " + weight);
                }
            });
            queues(List.copyOf(weights.keySet()));
            this.weights = Map.copyOf(weights);
            return this;
        }

        /** How many jobs run at once; the number of processors unless set. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Supplies task owners (e.g. from a DI container); no-arg constructors are used otherwise. */
        public Builder instanceProvider(TaskInstanceProvider instanceProvider) {
            this.instanceProvider = instanceProvider;
            return this;
        }

        /**
         * How long a fetched job stays leased without renewal; 30 s unless set. Leases are renewed
         * every third of it while jobs run; a job whose worker died runs again after it expires.
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = positive("leaseDuration", leaseDuration);
            return this;
        }

        /** How often due jobs are promoted and expired leases recovered; 1 s unless set. */
        public Builder maintenanceInterval(Duration maintenanceInterval) {
            this.maintenanceInterval = positive("maintenanceInterval", maintenanceInterval);
            return this;
        }

        /** How long {@link Worker#close()} waits for running jobs before handing them back; 30 s unless set. */
        public Builder shutdownGrace(Duration shutdownGrace) {
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /**
         * The backoff before the first retry; doubled for each further attempt, with ±20% jitter,
         * capped at one hour. 1 s unless set.
         */
        public Builder retryBackoff(Duration retryBackoff) {
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("retryBackoff must not be negative: " + retryBackoff);
            }
            this.retryBackoff = retryBackoff;
            return this;
        }

        /** How many lease expiries a job survives before it fails for good; 5 unless set. */
        public Builder reclaimLimit(int reclaimLimit) {
            if (reclaimLimit < 0) {
                throw new IllegalArgumentException("reclaimLimit must not be negative: " + reclaimLimit);
            }
            this.reclaimLimit = reclaimLimit;
            return this;
        }

        /**
         * Whether successful jobs keep their record and result (for {@code resultTtl}); true unless
         * set. With {@code false}, a success deletes the job's record in the same atomic,
         * lease-checked step, which saves Redis memory and work for fire-and-forget jobs; their
         * status then reads as missing and {@code Job.await} cannot see the result. Failures are
         * kept either way.
         */
        public Builder keepResults(boolean keepResults) {
            this.keepResults = keepResults;
            return this;
        }

        /**
         * How many leased jobs may wait locally for a free task thread, on top of {@code
         * concurrency}; the concurrency unless set, and 0 unless set for a worker that runs a task
         * with a {@code @Task(concurrencyKey)} (a buffered job holds its key's slot, so a key would
         * wait for this worker's threads while others are free). A buffer lets a busy worker fetch and
         * acknowledge in bigger batches (fewer Redis calls per job). What a worker that freezes
         * or dies can hold hostage is bounded by the {@link #reservation(Duration) reservation}: a
         * fetched job is leased only for that long until it starts, so buffered jobs of a dead
         * worker run elsewhere after the reservation, not after the full lease; a buffered job
         * that has not started within a third of it is handed back at once (attempt not
         * counted), and a frozen worker that wakes up never starts one whose reservation may
         * have lapsed. {@code prefetch(0)} leases only what can start at once.
         */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must not be negative: " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /**
         * How long a fetched job is leased until it starts running; 5 s (at most the lease
         * duration) unless set. A running job's lease is renewed to the full {@link
         * #leaseDuration(Duration) lease duration}; a job still in the prefetch buffer after a
         * third of its reservation is handed back instead of started.
         */
        public Builder reservation(Duration reservation) {
            this.reservation = positive("reservation", reservation);
            return this;
        }

        /**
         * Adds an interceptor around every run (after the ones added before, inside them). Every
         * worker starts with {@link LoggingContext}, outermost.
         */
        public Builder interceptor(JobInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Adds a listener that hears how every run ended (see {@link JobListener}). */
        public Builder listener(JobListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How many task threads may ignore a timeout's interrupt at once (each is replaced, so
         * the worker keeps its concurrency) before the worker stops fetching and reports itself
         * unhealthy ({@link Worker#healthy()}); the concurrency unless set.
         */
        public Builder maxStuckThreads(int maxStuckThreads) {
            if (maxStuckThreads < 0) {
                throw new IllegalArgumentException("maxStuckThreads must not be negative: " + maxStuckThreads);
            }
            this.maxStuckThreads = maxStuckThreads;
            return this;
        }

        /**
         * Called once, on a worker thread, when the worker becomes unhealthy (too many stuck task
         * threads) and stops fetching; the generated worker main then exits non-zero so that a
         * supervisor restarts it.
         */
        public Builder onUnhealthy(Runnable onUnhealthy) {
            this.onUnhealthy = Objects.requireNonNull(onUnhealthy, "onUnhealthy");
            return this;
        }

        /** This worker's id in job histories and logs; {@code worker-<n>-<pid>@<host>} unless set. */
        public Builder workerId(String workerId) {
            if (workerId == null || workerId.isBlank() || workerId.length() > 200) {
                throw new IllegalArgumentException("workerId must be 1 to 200 characters: " + workerId);
            }
            this.workerId = workerId;
            return this;
        }

        /**
         * Whether each job runs on a virtual thread instead of a platform thread; false unless set.
         * Needs Java 21 or newer ({@link #build()} refuses it on older JVMs). {@code concurrency}
         * still bounds how many jobs run at once, so it can be set high for tasks that mostly wait.
         */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        private static Duration positive(String what, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }

        /**
         * Validates eagerly and builds the worker (not yet started): task names must be unique
         * across tables, and every task owner must come from the instance provider or have a
         * no-arg constructor (created here, once).
         *
         * @throws SpoolException naming every problem found, or that virtual threads need Java 21+
         */
        public Worker build() {
            if (virtualThreads) {
                VirtualThreads.require();
            }
            TaskRegistry registry = TaskRegistry.load(taskTables, instanceProvider);
            List<String> queueNames = queues != null ? queues : registry.queues();
            List<QueueKeys> queueKeys = queueNames.stream().map(core.keys()::queue).toList();
            String name = workerId != null ? workerId
                    : "worker-" + WORKERS.incrementAndGet() + "-" + ProcessHandle.current().pid() + "@" + Heartbeat.hostName();
            Duration reserved = reservation.compareTo(leaseDuration) < 0 ? reservation : leaseDuration;
            WorkerConfig config = new WorkerConfig(core, name, queueKeys, concurrency,
                    prefetch != null ? prefetch : registry.hasConcurrencyKeys() ? 0 : concurrency, leaseDuration, reserved,
                    maintenanceInterval, shutdownGrace, retryBackoff, reclaimLimit, keepResults,
                    maxStuckThreads != null ? maxStuckThreads : concurrency, List.copyOf(interceptors),
                    new Listeners(listeners), virtualThreads, weights == null
                            ? QueueOrder.strict(queueKeys)
                            : QueueOrder.weighted(queueKeys, queueNames.stream().mapToInt(weights::get).toArray()));
            return new Worker(config, registry, onUnhealthy);
        }
    }
}
