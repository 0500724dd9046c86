package dev.spool.worker;

import dev.spool.CodecException;
import dev.spool.JobContext;
import dev.spool.JobFailure;
import dev.spool.NonRetryableException;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;
import dev.spool.internal.Access;
import dev.spool.internal.Broker;
import dev.spool.internal.Broker.Completion;
import dev.spool.internal.Broker.Lease;
import dev.spool.internal.Broker.Leased;
import dev.spool.internal.CurrentJob;
import dev.spool.internal.Failures;
import dev.spool.internal.Flows;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Payload;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.Arguments;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
 * <p>{@link #close()} shuts down gracefully: stops fetching, waits up to the shutdown grace for
 * running jobs, hands the rest back to their queues at once, and returns.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final AtomicInteger RUNNERS = new AtomicInteger();
    private static final AtomicInteger WORKERS = new AtomicInteger();
    private static final int MAINTENANCE_BATCH = 1000;
    private static final int ACK_BATCH = 256;
    /**
     * How long a finished job's result may wait to be written together with others (and with the
     * next fetch) while the worker is busy. An idle worker writes results at once.
     */
    private static final long ACK_LINGER_NANOS = 1_000_000;
    /** How long the fetcher waits for more free room under a backlog before fetching a smaller batch. */
    private static final long FETCH_LINGER_NANOS = 1_000_000;
    /** Room for the header lines of a packed payload on top of the arguments' size limit. */
    private static final int MAX_HEADER_CHARS = 64 * 1024;

    private final SpoolCore core;
    private final Map<String, Dispatch> tasks;
    private final List<QueueKeys> queues;
    private final int concurrency;
    private final Duration leaseDuration;
    private final Duration maintenanceInterval;
    private final Duration shutdownGrace;
    private final Duration retryBackoff;
    private final int reclaimLimit;
    private final boolean keepResults;
    private final int prefetch;
    private final String name;

    /** Jobs this worker may hold at once: running, waiting in the local buffer, or finished but not yet written. */
    private final int limit;
    /** Under a backlog, the fetcher waits (up to {@link #FETCH_LINGER_NANOS}) until this much room is free. */
    private final int fetchBatch;
    /**
     * Guards {@link #inHand}, {@link #pendingAcks}, {@link #oldestAckNanos}, {@link #fetcherIdle},
     * {@link #acksStopped}, {@link #fetcherWants} and {@link #ackerWaiting}. The fetcher and the
     * acker are woken only when what they wait for happens, not once per job.
     */
    private final ReentrantLock slots = new ReentrantLock();
    private final Condition fetcherWake = slots.newCondition();
    private final Condition ackerWake = slots.newCondition();
    private int inHand;
    private List<InFlight> pendingAcks = new ArrayList<>();
    private long oldestAckNanos;
    private boolean fetcherIdle = true;
    private boolean acksStopped;
    /** The free room the waiting fetcher needs to go on; {@code Integer.MAX_VALUE} when it does not wait. */
    private int fetcherWants = Integer.MAX_VALUE;
    /** Whether the acker waits for a first pending result. */
    private boolean ackerWaiting;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Leased jobs waiting for a free task thread (the prefetch buffer). */
    private final LinkedBlockingQueue<Runnable> buffer = new LinkedBlockingQueue<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean fetching;
    private ExecutorService runners;
    private ScheduledExecutorService housekeeper;
    private Thread fetcher;
    private Thread acker;

    private Worker(Builder builder, Map<String, Dispatch> tasks, List<QueueKeys> queues) {
        this.core = builder.core;
        this.tasks = tasks;
        this.queues = queues;
        this.concurrency = builder.concurrency;
        this.leaseDuration = builder.leaseDuration;
        this.maintenanceInterval = builder.maintenanceInterval;
        this.shutdownGrace = builder.shutdownGrace;
        this.retryBackoff = builder.retryBackoff;
        this.reclaimLimit = builder.reclaimLimit;
        this.keepResults = builder.keepResults;
        this.prefetch = builder.prefetch;
        this.limit = concurrency + prefetch;
        this.fetchBatch = Math.max(1, limit / 2);
        this.name = builder.workerId != null ? builder.workerId
                : "worker-" + WORKERS.incrementAndGet() + "-" + ProcessHandle.current().pid() + "@" + hostName();
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        return host == null || host.isBlank() ? "localhost" : host.trim();
    }

    /**
     * This worker's id, {@code worker-<n>-<pid>@<host>} unless set: recorded with every attempt in
     * a job's history and available to tasks through {@link dev.spool.JobContext}.
     */
    public String id() {
        return name;
    }

    /** Starts configuring a worker for the jobs of this client's namespace. */
    public static Builder builder(Spool spool) {
        return new Builder(spool);
    }

    /** The names of the tasks this worker runs, sorted. */
    public Set<String> tasks() {
        return new TreeSet<>(tasks.keySet());
    }

    /** The queues this worker fetches from, in priority order. */
    public List<String> queues() {
        return queues.stream().map(QueueKeys::queue).toList();
    }

    /** How many jobs this worker runs at once. */
    public int concurrency() {
        return concurrency;
    }

    /** How many jobs this worker holds right now. */
    public int jobsInHand() {
        return inFlight.size();
    }

    /** Starts fetching and running jobs; returns at once. */
    public Worker start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a worker starts once");
        }
        checkEvictionPolicy();
        fetching = true;
        runners = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, buffer,
                threads(() -> "spool-worker-" + RUNNERS.incrementAndGet()));
        housekeeper = Executors.newSingleThreadScheduledExecutor(threads(() -> "spool-housekeeper-" + THREADS.incrementAndGet()));
        long renewEvery = Math.max(1, leaseDuration.toMillis() / 3);
        housekeeper.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        housekeeper.execute(this::maintain);
        acker = threads(() -> "spool-acker-" + THREADS.incrementAndGet()).newThread(this::ackLoop);
        acker.start();
        fetcher = threads(() -> "spool-fetcher-" + THREADS.incrementAndGet()).newThread(this::fetchLoop);
        fetcher.start();
        log.info("{} started: tasks {}, queues {}, concurrency {}, prefetch {}", name, tasks(), queues(), concurrency, prefetch);
        return this;
    }

    /**
     * Warns loudly unless Redis is configured never to evict keys: with an eviction policy, Redis
     * may silently drop queued jobs, leases or results under memory pressure.
     */
    private void checkEvictionPolicy() {
        try {
            Object reply = core.redis().call(j -> j.sendCommand(redis.clients.jedis.Protocol.Command.CONFIG, "GET", "maxmemory-policy"));
            String policy = reply instanceof List<?> list && list.size() >= 2 && list.get(1) instanceof byte[] value
                    ? new String(value, java.nio.charset.StandardCharsets.UTF_8) : null;
            if (policy != null && !policy.equalsIgnoreCase("noeviction")) {
                log.warn("*** Redis at {} has maxmemory-policy={}: under memory pressure it EVICTS KEYS, which loses"
                        + " queued jobs, leases and results without a trace. Set maxmemory-policy noeviction for Spool. ***",
                        core.url(), policy);
            }
        } catch (RuntimeException e) {
            log.info("Could not read Redis' maxmemory-policy (CONFIG GET may be disabled); make sure it is noeviction: {}",
                    e.getMessage());
        }
    }

    // ---- fetching ------------------------------------------------------------------------------

    /**
     * Fetches jobs and, in the same script call, writes the results of finished jobs: one atomic
     * call per queue acknowledges a batch and leases the next one. Under a backlog it waits (at
     * most {@link #FETCH_LINGER_NANOS}) until half of its room is free, so that calls carry
     * batches; otherwise it fetches as soon as there is room. Jobs beyond the free task threads
     * wait in a local buffer (at most {@code prefetch}), leased and renewed like running ones.
     */
    private void fetchLoop() {
        List<String> signals = queues.stream().map(QueueKeys::signal).toList();
        String[] signalKeys = signals.toArray(String[]::new);
        long failures = 0;
        boolean backlogged = false;
        try {
            while (true) {
                List<InFlight> acked;
                int want;
                slots.lock();
                try {
                    long lingerEnd = 0;
                    int threshold = backlogged ? fetchBatch : 1;
                    while (true) {
                        if (!fetching) {
                            return;
                        }
                        int room = limit - inHand + pendingAcks.size();
                        if (room >= threshold) {
                            break;
                        }
                        if (room > 0) {
                            long now = System.nanoTime();
                            if (lingerEnd == 0) {
                                lingerEnd = now + FETCH_LINGER_NANOS;
                            }
                            long left = lingerEnd - now;
                            if (left <= 0) {
                                break;
                            }
                            fetcherWants = threshold;
                            fetcherWake.awaitNanos(left);
                        } else {
                            lingerEnd = 0;
                            fetcherWants = 1;
                            fetcherWake.await();
                        }
                        fetcherWants = Integer.MAX_VALUE;
                    }
                    fetcherWants = Integer.MAX_VALUE;
                    acked = takeAcks();
                    want = limit - inHand + acked.size();
                    inHand += want; // reserved; what is not fetched is given back below
                } finally {
                    slots.unlock();
                }
                int fetched = 0;
                try {
                    fetched = exchange(acked, want);
                    failures = 0;
                } catch (RuntimeException e) {
                    failures++;
                    log.warn("{} could not fetch jobs (attempt {}): {}", name, failures, e.getMessage());
                    setFetcherIdle(true);
                    pause(Math.min(5000, 100L * failures));
                } finally {
                    release(want - fetched);
                }
                backlogged = fetched == want;
                if (fetched == 0 && fetching) {
                    setFetcherIdle(true);
                    try {
                        core.redis().call(j -> j.blpop(1.0, signalKeys));
                    } catch (RuntimeException e) {
                        if (fetching) {
                            log.debug("{} could not wait for a signal: {}", name, e.getMessage());
                            pause(200);
                        }
                    }
                }
                setFetcherIdle(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            setFetcherIdle(true);
        }
    }

    /**
     * One script call per queue (priority order): records the results of that queue's finished
     * jobs and leases up to what is still wanted. Results whose call failed are written again by
     * {@link #writeAcks} (token-checked, so never twice).
     *
     * @return how many jobs were leased and dispatched
     */
    private int exchange(List<InFlight> acked, int want) {
        Map<QueueKeys, List<InFlight>> byQueue = groupByQueue(acked);
        int fetched = 0;
        try {
            for (QueueKeys queue : queues) {
                List<InFlight> jobs = byQueue.get(queue);
                int max = fetching ? want - fetched : 0;
                if (max == 0 && jobs == null) {
                    continue;
                }
                List<InFlight> done = jobs == null ? List.of() : jobs;
                Broker.Exchange result = core.broker().completeAndFetch(queue, completions(done),
                        resultTtlSeconds(), max, leaseDuration.toMillis(), name);
                byQueue.remove(queue);
                for (Leased job : result.jobs()) {
                    fetched++;
                    dispatch(job);
                }
                if (jobs != null) {
                    recorded(queue, jobs, result.recorded()); // after dispatching: workflow deliveries take a round trip
                }
            }
        } catch (RuntimeException e) {
            List<InFlight> left = new ArrayList<>();
            byQueue.values().forEach(left::addAll);
            if (!left.isEmpty()) {
                writeAcks(left);
            }
            if (fetched > 0) {
                return fetched;
            }
            throw e;
        }
        if (!byQueue.isEmpty()) {
            List<InFlight> left = new ArrayList<>();
            byQueue.values().forEach(left::addAll);
            writeAcks(left); // results of queues this worker does not fetch from (cannot happen today)
        }
        return fetched;
    }

    private void setFetcherIdle(boolean idle) {
        slots.lock();
        try {
            if (fetcherIdle != idle) {
                fetcherIdle = idle;
                if (idle) {
                    ackerWake.signal(); // nobody will carry the pending results: write them now
                }
            }
        } finally {
            slots.unlock();
        }
    }

    /** Wakes the fetcher if it waits for the room there is now (called with {@link #slots} held). */
    private void roomChanged() {
        if (limit - inHand + pendingAcks.size() >= fetcherWants) {
            fetcherWants = Integer.MAX_VALUE;
            fetcherWake.signal();
        }
    }

    /** Takes every pending result (called with {@link #slots} held). */
    private List<InFlight> takeAcks() {
        List<InFlight> taken = pendingAcks;
        if (taken.isEmpty()) {
            return List.of();
        }
        pendingAcks = new ArrayList<>(Math.max(16, taken.size()));
        return taken;
    }

    private void release(int jobs) {
        if (jobs > 0) {
            slots.lock();
            try {
                inHand -= jobs;
                roomChanged();
            } finally {
                slots.unlock();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(Leased job) {
        InFlight f = new InFlight(job);
        inFlight.put(job.id(), f);
        runners.execute(new Start(f));
    }

    /** A leased job on its way to a task thread; recognisable in the buffer at shutdown. */
    private final class Start implements Runnable {
        final InFlight f;

        Start(InFlight f) {
            this.f = f;
        }

        @Override
        public void run() {
            Worker.this.run(f);
        }
    }

    // ---- running -------------------------------------------------------------------------------

    private void run(InFlight f) {
        Leased job = f.job;
        if (f.settled.get()) {
            finished(f); // handed back before it started
            return;
        }
        synchronized (f) {
            f.thread = Thread.currentThread();
        }
        Payload payload = null;
        boolean queuedAck = false;
        try {
            if (job.payload().length() > core.maxPayloadBytes() + MAX_HEADER_CHARS) {
                fail(f, Failures.reason(Failures.PAYLOAD_TOO_LARGE, "the payload has " + job.payload().length()
                        + " characters, more than this worker accepts (maxPayloadBytes " + core.maxPayloadBytes()
                        + "); it was not decoded", job.attempt()), false, 0);
                return;
            }
            try {
                payload = Payload.unpack(job.payload());
            } catch (CodecException e) {
                fail(f, Failures.reason(CodecException.class.getName(), e.getMessage(), job.attempt()), false, 0);
                return;
            }
            Dispatch dispatch = tasks.get(payload.task());
            if (dispatch == null) {
                fail(f, Failures.unknownTask(payload.task(), tasks(), job.attempt()), false, payload.retries());
                return;
            }
            Object[] arguments;
            try {
                arguments = core.codec().decodeArguments(dispatch.entry.task(), payload.arguments());
            } catch (CodecException e) {
                fail(f, Failures.reason(CodecException.class.getName(), e.getMessage(), job.attempt()), false, payload.retries());
                return;
            }
            if (payload.timeoutMillis() > 0) {
                Payload limited = payload;
                f.timeout = housekeeper.schedule(() -> timeOut(f, limited), payload.timeoutMillis(), TimeUnit.MILLISECONDS);
            }
            Object result;
            try {
                CurrentJob.set(new JobContext(job.id(), job.queue().queue(), payload.task(), job.attempt(), name, job.token()));
                result = dispatch.invoke(arguments);
            } catch (Throwable error) {
                cancelTimeout(f);
                if (error instanceof InterruptedException && f.settled.get()) {
                    return; // timed out or handed back: already settled
                }
                fail(f, Failures.of(error, job.attempt()), !dispatch.notWorthRetrying(error, payload.noRetryFor()),
                        payload.retries());
                return;
            } finally {
                CurrentJob.set(null);
            }
            cancelTimeout(f);
            String json;
            try {
                json = core.codec().encode(dispatch.entry.task().resultType(), result);
            } catch (CodecException e) {
                fail(f, Failures.of(e, job.attempt()), false, payload.retries());
                return;
            }
            if (f.settle()) {
                f.resultJson = json;
                slots.lock();
                try {
                    if (pendingAcks.isEmpty()) {
                        oldestAckNanos = System.nanoTime();
                        if (ackerWaiting) {
                            ackerWaiting = false;
                            ackerWake.signal();
                        }
                    }
                    pendingAcks.add(f);
                    if (pendingAcks.size() == ACK_BATCH) {
                        ackerWake.signal();
                    }
                    roomChanged();
                } finally {
                    slots.unlock();
                }
                queuedAck = true;
            }
        } catch (RuntimeException e) {
            log.error("{}: unexpected error handling job {}", name, job.id(), e);
        } finally {
            synchronized (f) {
                f.thread = null;
            }
            Thread.interrupted(); // a timeout's interrupt must not leak into the next job
            if (!queuedAck) {
                finished(f);
            }
        }
    }

    private void cancelTimeout(InFlight f) {
        ScheduledFuture<?> timeout = f.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void timeOut(InFlight f, Payload payload) {
        if (!f.settle()) {
            return;
        }
        synchronized (f) {
            if (f.thread != null) {
                f.thread.interrupt();
            }
        }
        JobFailure failure = Failures.reason(Failures.TASK_TIMEOUT,
                "ran longer than " + Duration.ofMillis(payload.timeoutMillis()) + " and was interrupted", f.job.attempt());
        recordFailure(f, failure, true, payload.retries());
    }

    /** Records a failure unless the job was settled already; settles it. */
    private void fail(InFlight f, JobFailure failure, boolean retryable, int retries) {
        if (f.settle()) {
            recordFailure(f, failure, retryable, retries);
        }
    }

    private void recordFailure(InFlight f, JobFailure failure, boolean retryable, int retries) {
        Leased job = f.job;
        long backoff = backoffMillis(job.attempt());
        try {
            String failureJson = core.codec().encodeFailure(failure);
            String attemptJson = core.codec().encodeAttempt(job.attempt(), name, failure);
            long outcome = persistently("record the failure of job " + job.id(), () -> core.broker().fail(job.queue(),
                    job.id(), job.token(), failureJson, retryable, retries, backoff, core.deadTtl().toSeconds(), attemptJson));
            if (outcome == 2 && !retryable) {
                log.warn("Job {} ({}) failed for good, not worth retrying: {}", job.id(), taskOf(job), failure);
            } else if (outcome == 1) {
                log.warn("Job {} ({}) failed on attempt {}, retrying in {} ms: {}", job.id(), taskOf(job), job.attempt(), backoff, failure);
            } else if (outcome == 2) {
                log.warn("Job {} ({}) failed for good after {} attempt(s): {}", job.id(), taskOf(job), job.attempt(), failure);
            } else {
                log.info("Job {} ({}) failed, but its lease had expired; another worker owns it now: {}", job.id(), taskOf(job), failure);
            }
            if (outcome == 2 && Flows.hasTargets(job.payload())) {
                failWaiting(job, failure);
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of job {}; its lease will expire and it will run again: {}", job.id(), e.getMessage());
        }
    }

    /** Fails the workflow jobs that wait for a job that failed for good; on error the flows sweeper does. */
    private void failWaiting(Leased job, JobFailure failure) {
        try {
            Flows.of(core).failed(job.queue(), job.id(), job.payload(), failure);
        } catch (RuntimeException e) {
            log.warn("Could not fail the jobs waiting for job {}; maintenance will: {}", job.id(), e.getMessage());
        }
    }

    private static String taskOf(Leased job) {
        int newline = job.payload().indexOf('\n');
        return newline < 0 ? "?" : job.payload().substring(0, newline);
    }

    private long backoffMillis(int attempt) {
        double base = retryBackoff.toMillis() * Math.pow(2, Math.min(20, Math.max(0, attempt - 1)));
        double jittered = base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return (long) Math.min(jittered, TimeUnit.HOURS.toMillis(1));
    }

    private void finished(InFlight f) {
        inFlight.remove(f.job.id(), f);
        release(1);
    }

    // ---- acknowledging -------------------------------------------------------------------------

    /**
     * Writes the results the fetcher does not carry: at once while the fetcher is idle (blocked on
     * the signal lists), else after {@link #ACK_LINGER_NANOS} or when a batch is full.
     */
    private void ackLoop() {
        while (true) {
            List<InFlight> batch;
            slots.lock();
            try {
                while (true) {
                    if (pendingAcks.isEmpty()) {
                        if (acksStopped) {
                            return;
                        }
                        ackerWaiting = true;
                        ackerWake.await();
                        ackerWaiting = false;
                        continue;
                    }
                    if (fetcherIdle || acksStopped || pendingAcks.size() >= ACK_BATCH) {
                        break;
                    }
                    long left = oldestAckNanos + ACK_LINGER_NANOS - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    ackerWake.awaitNanos(left);
                }
                batch = takeAcks();
            } catch (InterruptedException e) {
                return;
            } finally {
                slots.unlock();
            }
            writeAcks(batch);
        }
    }

    private void stopAcks() {
        slots.lock();
        try {
            acksStopped = true;
            ackerWake.signal();
        } finally {
            slots.unlock();
        }
    }

    /**
     * Runs a lease-checked write, trying again with a backoff (50 ms doubling to 1 s) while Redis
     * is unreachable, for at most one lease duration: after that the lease has expired anyway and
     * the job runs again elsewhere. A retry of a write that did reach Redis is refused by the
     * lease check, so it never writes twice.
     */
    private <T> T persistently(String what, java.util.function.Supplier<T> write) {
        long deadline = System.nanoTime() + leaseDuration.toNanos();
        long delay = 50;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() + delay * 1_000_000 > deadline || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.debug("{} could not {} (trying again in {} ms): {}", name, what, delay, e.getMessage());
                pause(delay);
                delay = Math.min(1000, delay * 2);
            }
        }
    }

    private void writeAcks(List<InFlight> batch) {
        for (Map.Entry<QueueKeys, List<InFlight>> entry : groupByQueue(batch).entrySet()) {
            List<InFlight> jobs = entry.getValue();
            List<Completion> completions = completions(jobs);
            try {
                List<Boolean> recorded = persistently("record " + jobs.size() + " result(s)", () -> core.broker()
                        .complete(entry.getKey(), completions, resultTtlSeconds()));
                recorded(entry.getKey(), jobs, recorded);
            } catch (RuntimeException e) {
                log.warn("Could not record {} result(s) in queue {}; their leases will expire and they will run again: {}",
                        jobs.size(), entry.getKey().queue(), e.getMessage());
                finishedAll(jobs);
            }
        }
    }

    private static Map<QueueKeys, List<InFlight>> groupByQueue(List<InFlight> batch) {
        if (batch.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<QueueKeys, List<InFlight>> byQueue = new LinkedHashMap<>();
        for (InFlight f : batch) {
            byQueue.computeIfAbsent(f.job.queue(), q -> new ArrayList<>(batch.size())).add(f);
        }
        return byQueue;
    }

    private List<Completion> completions(List<InFlight> jobs) {
        List<Completion> completions = new ArrayList<>(jobs.size());
        for (InFlight f : jobs) {
            completions.add(new Completion(f.job.id(), f.job.token(), keepResults ? f.resultJson : ""));
        }
        return completions;
    }

    private long resultTtlSeconds() {
        return keepResults ? core.resultTtl().toSeconds() : 0;
    }

    /** After the results of {@code jobs} were written: logs stale ones, passes workflow results on, frees the slots. */
    private void recorded(QueueKeys queue, List<InFlight> jobs, List<Boolean> recorded) {
        for (int i = 0; i < jobs.size(); i++) {
            if (!recorded.get(i)) {
                log.info("Job {} finished, but its lease had expired; its result was not recorded", jobs.get(i).job.id());
            }
        }
        try {
            passOnResults(queue, jobs, recorded);
        } finally {
            finishedAll(jobs);
        }
    }

    private void finishedAll(List<InFlight> jobs) {
        for (InFlight f : jobs) {
            inFlight.remove(f.job.id(), f);
        }
        release(jobs.size());
    }

    /** Passes workflow jobs' results on to the jobs that wait for them; on error the flows sweeper does. */
    private void passOnResults(QueueKeys queue, List<InFlight> jobs, List<Boolean> recorded) {
        List<Flows.Succeeded> succeeded = null;
        for (int i = 0; i < jobs.size(); i++) {
            InFlight f = jobs.get(i);
            if (recorded.get(i) && Flows.hasTargets(f.job.payload())) {
                if (succeeded == null) {
                    succeeded = new ArrayList<>();
                }
                succeeded.add(new Flows.Succeeded(f.job.id(), f.job.payload(), f.resultJson));
            }
        }
        if (succeeded != null) {
            try {
                Flows.of(core).succeeded(queue, succeeded);
            } catch (RuntimeException e) {
                log.warn("Could not pass on the results of {} workflow job(s) in queue {}; maintenance will: {}",
                        succeeded.size(), queue.queue(), e.getMessage());
            }
        }
    }

    // ---- leases and queue maintenance ----------------------------------------------------------

    private void renewLeases() {
        Map<QueueKeys, List<InFlight>> byQueue = new LinkedHashMap<>();
        for (InFlight f : inFlight.values()) {
            if (!f.settled.get()) {
                byQueue.computeIfAbsent(f.job.queue(), q -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<QueueKeys, List<InFlight>> entry : byQueue.entrySet()) {
            List<InFlight> jobs = entry.getValue();
            try {
                List<Boolean> renewed = core.broker().renew(entry.getKey(), leases(jobs), leaseDuration.toMillis());
                for (int i = 0; i < jobs.size(); i++) {
                    if (!renewed.get(i) && !jobs.get(i).settled.get()) {
                        log.warn("Lost the lease of job {} ({}); another worker may run it, this run's result will be dropped",
                                jobs.get(i).job.id(), taskOf(jobs.get(i).job));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew {} lease(s) in queue {}: {}", jobs.size(), entry.getKey().queue(), e.getMessage());
            }
        }
    }

    private static List<Lease> leases(Collection<InFlight> jobs) {
        return jobs.stream().map(f -> new Lease(f.job.id(), f.job.token())).toList();
    }

    private void maintain() {
        long next = maintenanceInterval.toMillis();
        for (QueueKeys queue : queues) {
            try {
                long[] promoted = core.broker().promote(queue, MAINTENANCE_BATCH);
                if (promoted[0] == MAINTENANCE_BATCH) {
                    next = 0;
                } else if (promoted[1] >= 0) {
                    next = Math.min(next, promoted[1]);
                }
                long[] recovered = core.broker().recover(queue, MAINTENANCE_BATCH, reclaimLimit, core.deadTtl().toSeconds());
                if (recovered[0] > 0 || recovered[1] > 0) {
                    log.warn("Queue {}: took back {} job(s) whose lease expired; {} failed for good after too many expiries",
                            queue.queue(), recovered[0], recovered[1]);
                }
                Flows.of(core).sweep(queue, MAINTENANCE_BATCH); // workflow outcomes left undelivered
            } catch (RuntimeException e) {
                log.warn("Maintenance of queue {} failed: {}", queue.queue(), e.getMessage());
            }
        }
        if (!housekeeper.isShutdown()) {
            try {
                housekeeper.schedule(this::maintain, Math.max(1, next), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /**
     * Shuts down gracefully: stops fetching, waits up to the shutdown grace for running jobs, hands
     * the rest back to their queues at once (they run again elsewhere), and returns. Does not close
     * the {@link Spool} client.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !started.get()) {
            return;
        }
        log.info("{} shutting down: {} job(s) in hand", name, inFlight.size());
        fetching = false;
        slots.lock();
        try {
            fetcherWake.signal();
        } finally {
            slots.unlock();
        }
        wakeFetcher();
        joinQuietly(fetcher, leaseDuration.toMillis());
        handBackBuffered();
        runners.shutdown();
        try {
            if (!runners.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                handBackUnfinished();
                runners.shutdownNow();
            }
        } catch (InterruptedException e) {
            handBackUnfinished();
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
        stopAcks();
        joinQuietly(acker, 10_000);
        housekeeper.shutdownNow();
        log.info("{} stopped", name);
    }

    /** Ends the fetcher's blocking wait early; a spare token at most wakes another idle worker. */
    private void wakeFetcher() {
        try {
            core.redis().call(j -> j.lpush(queues.get(0).signal(), "1"));
        } catch (RuntimeException e) {
            log.debug("Could not wake the fetcher: {}", e.getMessage());
        }
    }

    /** Hands the leased jobs that never started (the prefetch buffer) back at once. */
    private void handBackBuffered() {
        List<Runnable> unstarted = new ArrayList<>();
        buffer.drainTo(unstarted);
        List<InFlight> jobs = new ArrayList<>(unstarted.size());
        for (Runnable r : unstarted) {
            if (r instanceof Start start && start.f.settle()) {
                jobs.add(start.f);
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        for (Map.Entry<QueueKeys, List<InFlight>> entry : groupByQueue(jobs).entrySet()) {
            try {
                core.broker().handBack(entry.getKey(), leases(entry.getValue()));
                log.info("{} handed {} buffered job(s) back to queue {}", name, entry.getValue().size(), entry.getKey().queue());
            } catch (RuntimeException e) {
                log.warn("Could not hand back {} job(s) to queue {}; they return when their leases expire: {}",
                        entry.getValue().size(), entry.getKey().queue(), e.getMessage());
            }
        }
        finishedAll(jobs);
    }

    private void handBackUnfinished() {
        Map<QueueKeys, List<InFlight>> byQueue = new LinkedHashMap<>();
        for (InFlight f : inFlight.values()) {
            if (f.settle()) {
                byQueue.computeIfAbsent(f.job.queue(), q -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<QueueKeys, List<InFlight>> entry : byQueue.entrySet()) {
            try {
                core.broker().handBack(entry.getKey(), leases(entry.getValue()));
                log.info("{} handed {} unfinished job(s) back to queue {}", name, entry.getValue().size(), entry.getKey().queue());
            } catch (RuntimeException e) {
                log.warn("Could not hand back {} job(s) to queue {}; they return when their leases expire: {}",
                        entry.getValue().size(), entry.getKey().queue(), e.getMessage());
            }
        }
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory threads(java.util.function.Supplier<String> names) {
        return r -> {
            Thread t = new Thread(r, names.get());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return name + " " + queues();
    }

    // ---- per-job state -------------------------------------------------------------------------

    private static final class InFlight {
        final Leased job;
        final AtomicBoolean settled = new AtomicBoolean();
        Thread thread;
        volatile ScheduledFuture<?> timeout;
        volatile String resultJson;

        InFlight(Leased job) {
            this.job = job;
        }

        /** Claims the right to decide this run's outcome; true once. */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    private record Dispatch(TaskEntry<Object, Object> entry, Object owner) {
        Object invoke(Object[] arguments) throws Exception {
            return entry.invoker().invoke(owner, new Args(arguments));
        }

        /**
         * Whether a retry cannot fix this error: it is (or was caused by) a {@link NonRetryableException},
         * or one of the task's or the call's {@code noRetryFor} types. Types are compared by name, so
         * no class named in a payload is ever loaded.
         */
        boolean notWorthRetrying(Throwable error, List<String> perCall) {
            Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
                if (t instanceof NonRetryableException) {
                    return true;
                }
                for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    if (perCall.contains(c.getName())) {
                        return true;
                    }
                    for (Class<? extends Throwable> type : entry.task().noRetryFor()) {
                        if (type == c) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private record Args(Object[] values) implements Arguments {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(int index) {
            return (T) values[index];
        }
    }

    // ---- builder -------------------------------------------------------------------------------

    /** Configures a {@link Worker}. */
    public static final class Builder {
        private final SpoolCore core;
        private List<TaskTable> taskTables;
        private List<String> queues;
        private int concurrency = Runtime.getRuntime().availableProcessors();
        private TaskInstanceProvider instanceProvider;
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration maintenanceInterval = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(1);
        private int reclaimLimit = 5;
        private String workerId;
        private boolean keepResults = true;
        private int prefetch = 0;

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
            return this;
        }

        /** The queues to fetch from, highest priority first. */
        public Builder queues(String... queues) {
            return queues(List.of(queues));
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
         * concurrency}; 0 (lease only what can start at once) unless set. Buffered jobs are leased
         * and renewed like running ones, and handed back at once on {@link Worker#close()}. A
         * buffer lets a busy worker fetch and acknowledge in bigger batches (fewer Redis calls per
         * job; {@code prefetch(concurrency)} is a good value for many short jobs). The price: a
         * worker that dies or freezes also holds up to {@code prefetch} jobs that had not started,
         * which run again only after their leases expire, and with long jobs a buffer spreads
         * them less evenly over several workers.
         */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must not be negative: " + prefetch);
            }
            this.prefetch = prefetch;
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
         * @throws SpoolException naming every problem found
         */
        @SuppressWarnings("unchecked")
        public Worker build() {
            List<TaskTable> tables = taskTables != null ? taskTables
                    : ServiceLoader.load(TaskTable.class).stream().map(ServiceLoader.Provider::get).toList();
            Map<String, TaskEntry<?, ?>> entries = new TreeMap<>();
            Map<String, String> tableOf = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            for (TaskTable table : tables) {
                for (TaskEntry<?, ?> entry : table.entries()) {
                    String task = entry.task().name();
                    if (entries.putIfAbsent(task, entry) != null) {
                        problems.add("task \"" + task + "\" is declared twice: by " + tableOf.get(task)
                                + " and by " + table.ownerType().getName() + "; task names must be unique");
                    } else {
                        tableOf.put(task, table.ownerType().getName());
                    }
                }
            }
            if (entries.isEmpty() && problems.isEmpty()) {
                problems.add("no tasks found: pass task tables to Worker.Builder.taskTables, or put the generated"
                        + " tables (META-INF/services/dev.spool.spi.TaskTable) on the class path");
            }
            Map<Class<?>, Object> owners = new LinkedHashMap<>();
            Set<String> missing = new TreeSet<>();
            for (TaskEntry<?, ?> entry : entries.values()) {
                Class<?> type = entry.ownerType();
                if (entry.isStatic() || owners.containsKey(type)) {
                    continue;
                }
                Object owner = dev.spool.internal.TaskOwners.provided(instanceProvider, type);
                if (owner == null && entry.constructor().isPresent()) {
                    try {
                        owner = entry.constructor().get().get();
                    } catch (RuntimeException e) {
                        problems.add("creating " + type.getName() + " for its tasks failed: " + e);
                        continue;
                    }
                }
                if (owner == null) {
                    missing.add(type.getName());
                } else {
                    owners.put(type, owner);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("no instance for the task owner(s) " + String.join(", ", missing)
                        + ": give them an accessible no-arg constructor or supply them through a TaskInstanceProvider");
            }
            if (!problems.isEmpty()) {
                throw new SpoolException("the worker cannot start:\n  - " + String.join("\n  - ", problems));
            }
            Map<String, Dispatch> dispatch = new LinkedHashMap<>();
            for (TaskEntry<?, ?> entry : entries.values()) {
                dispatch.put(entry.task().name(),
                        new Dispatch((TaskEntry<Object, Object>) entry, entry.isStatic() ? null : owners.get(entry.ownerType())));
            }
            List<String> queueNames = queues != null ? queues
                    : entries.values().stream().map(e -> e.task().queue()).distinct().sorted().collect(Collectors.toList());
            List<QueueKeys> queueKeys = queueNames.stream().map(core.keys()::queue).toList();
            return new Worker(this, Map.copyOf(dispatch), queueKeys);
        }
    }
}
