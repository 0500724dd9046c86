package dev.spool;

import dev.spool.internal.JobHandle;
import dev.spool.internal.SpoolCore;
import dev.spool.spi.TaskDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Jobs collected to be enqueued together: {@link #add} encodes and checks each job at once (a bad
 * argument throws there, before anything is written), {@link #enqueue} writes them all in one
 * round trip, one script call per queue for up to 1,000 jobs ({@code enqueueJobs-4.lua}; each job
 * is still written atomically on its own). Generated stubs offer a typed view,
 * {@code tasks.batch()}, whose methods have the tasks' own signatures. Not thread-safe; enqueue a
 * batch once.
 */
public final class JobBatch {

    private final SpoolCore core;
    private final List<SpoolCore.Prepared> prepared = new ArrayList<>();
    private final List<Batched<?>> handles = new ArrayList<>();
    /** For an inline client: what {@link #enqueue} runs, one per job added. */
    private final List<java.util.function.Supplier<Job<?>>> inlineRuns = new ArrayList<>();
    private boolean enqueued;

    JobBatch(SpoolCore core) {
        this.core = core;
    }

    /**
     * Adds one job of {@code task}; the handle works once {@link #enqueue} returned.
     *
     * @throws CodecException if the arguments do not match the task's parameters or do not encode
     * @throws PayloadTooLargeException if the encoded arguments are too large
     * @throws IllegalArgumentException for options with {@code dependsOn} and for unique jobs
     *     (enqueue those one by one)
     * @throws IllegalStateException once the batch was enqueued
     */
    public <R> Job<R> add(TaskDescriptor<R> task, JobOptions options, Object... arguments) {
        if (enqueued) {
            throw new IllegalStateException("this batch was enqueued already; start a new one");
        }
        if (!options.dependsOn().isEmpty()) {
            throw new IllegalArgumentException("a job with dependsOn cannot be batched; enqueue it with its stub");
        }
        if (options.unique().isPresent() || task.unique().isPresent()) {
            throw new IllegalArgumentException("a unique job (" + task.name() + ") cannot be batched; enqueue it with its stub");
        }
        SpoolCore.Prepared job = core.prepare(task, options, arguments);
        Batched<R> handle = new Batched<>(task, job.id());
        prepared.add(job);
        handles.add(handle);
        if (core.inline() != null) { // an inline client runs each job at enqueue, as Spool.enqueue does
            Object[] copy = arguments.clone();
            inlineRuns.add(() -> handle.attach(core.inline().run(task, options, copy)));
        }
        return handle;
    }

    /** How many jobs were added. */
    public int size() {
        return prepared.size();
    }

    /**
     * Writes every job added, in one round trip; returns their handles in the order added.
     *
     * @throws SpoolException if Redis cannot be reached or refuses the jobs
     * @throws IllegalStateException if the batch was enqueued already
     */
    public List<Job<?>> enqueue() {
        if (enqueued) {
            throw new IllegalStateException("this batch was enqueued already");
        }
        enqueued = true;
        if (prepared.isEmpty()) {
            return List.of();
        }
        if (core.inline() != null) {
            List<Job<?>> ran = new ArrayList<>(inlineRuns.size());
            for (java.util.function.Supplier<Job<?>> run : inlineRuns) {
                ran.add(run.get());
            }
            return ran;
        }
        List<SpoolCore.Prepared> written = core.write(prepared);
        List<Job<?>> jobs = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            jobs.add(handles.get(i).attach(written.get(i)));
        }
        return jobs;
    }

    /** A job of a batch: a real handle once the batch is written. */
    private final class Batched<R> implements Job<R> {
        private final TaskDescriptor<R> task;
        private final String preparedId;
        private volatile Job<R> handle;

        Batched(TaskDescriptor<R> task, String preparedId) {
            this.task = task;
            this.preparedId = preparedId;
        }

        Job<R> attach(SpoolCore.Prepared written) {
            return attach(new JobHandle<>(core, written.queue(), written.id(), task.name(), task.resultType()));
        }

        Job<R> attach(Job<R> job) {
            handle = job;
            return this;
        }

        private Job<R> handle() {
            Job<R> h = handle;
            if (h == null) {
                throw new IllegalStateException("job " + preparedId + " is not enqueued yet: call JobBatch.enqueue()");
            }
            return h;
        }

        @Override
        public String id() {
            Job<R> h = handle;
            return h == null ? preparedId : h.id();
        }

        @Override
        public String queue() {
            return handle().queue();
        }

        @Override
        public String task() {
            return task.name();
        }

        @Override
        public int attempts() {
            return handle().attempts();
        }

        @Override
        public JobStatus status() {
            return handle().status();
        }

        @Override
        public java.util.Optional<JobProgress> progress() {
            return handle().progress();
        }

        @Override
        public Cancellation cancel() {
            return handle().cancel();
        }

        @Override
        public R await(java.time.Duration timeout) {
            return handle().await(timeout);
        }

        @Override
        public java.util.Optional<R> result() {
            return handle().result();
        }

        @Override
        public java.util.Optional<JobFailure> failure() {
            return handle().failure();
        }

        @Override
        public java.util.concurrent.CompletableFuture<R> future() {
            return handle().future();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JobBatch.Batched<?> b && Objects.equals(id(), b.id());
        }

        @Override
        public int hashCode() {
            return id().hashCode();
        }

        @Override
        public String toString() {
            Job<R> h = handle;
            return h == null ? "job " + preparedId + " (not enqueued yet)" : h.toString();
        }
    }
}
