package com.example.photos;

import dev.spool.Job;
import dev.spool.JobBatch;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.TaskBatch;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Enqueues jobs that run the {@code @Task} methods of {@link Storage}.
 * Each method puts a job on its task's queue and returns a typed {@link Job} handle to the
 * result; a worker runs the job later.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class StorageTasks {
    /**
     * The task {@code Storage.store}: {@link Storage#store(Thumbnail)}.
     */
    public static final TaskDescriptor<String> STORE = TaskDescriptor.builder("Storage.store", TypeRef.of(String.class))
            .queue("io")
            .retries(5)
            .param("thumbnail", TypeRef.of(Thumbnail.class))
            .build();

    private final Spool spool;

    private final JobOptions options;

    /**
     * A stub whose jobs use each task's own queue, retries and timeout.
     */
    public StorageTasks(Spool spool) {
        this(spool, JobOptions.defaults());
    }

    private StorageTasks(Spool spool, JobOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Stubs whose jobs use these options, e.g.
     * {@code tasks.with(o -> o.delay(Duration.ofMinutes(5)))}.
     */
    public StorageTasks with(UnaryOperator<JobOptions> change) {
        return new StorageTasks(spool, change.apply(options));
    }

    /**
     * Enqueues a job that runs {@link Storage#store(Thumbnail)} on a worker.
     */
    public Job<String> store(Thumbnail thumbnail) {
        return spool.enqueue(STORE, options, thumbnail);
    }

    /**
     * Enqueues a job that runs {@link Storage#store(Thumbnail)} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<String>> storeAsync(Thumbnail thumbnail) {
        return spool.enqueueAsync(STORE, options, thumbnail);
    }

    /**
     * A batch of jobs with these stubs' options, written in one round trip by {@code enqueue()}.
     */
    public Batch batch() {
        return new Batch(spool.batch());
    }

    /**
     * Jobs of {@link Storage} collected for one round trip: each method checks and adds one job and
     * returns its handle, usable once {@link #enqueue()} returned.
     */
    public final class Batch extends TaskBatch {
        private Batch(JobBatch jobs) {
            super(jobs);
        }

        /**
         * Adds a job that runs {@link Storage#store(Thumbnail)} to this batch.
         */
        public Job<String> store(Thumbnail thumbnail) {
            return jobBatch().add(STORE, StorageTasks.this.options, thumbnail);
        }
    }
}
