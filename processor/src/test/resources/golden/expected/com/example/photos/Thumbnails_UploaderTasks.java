package com.example.photos;

import dev.spool.Job;
import dev.spool.JobBatch;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.TaskBatch;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Enqueues jobs that run the {@code @Task} methods of {@link Thumbnails.Uploader}.
 * Each method puts a job on its task's queue and returns a typed {@link Job} handle to the
 * result; a worker runs the job later.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class Thumbnails_UploaderTasks {
    /**
     * The task {@code Thumbnails.Uploader.upload}: {@link Thumbnails.Uploader#upload(Thumbnail, byte[])}.
     */
    public static final TaskDescriptor<String> UPLOAD = TaskDescriptor.builder("Thumbnails.Uploader.upload", TypeRef.of(String.class))
            .timeout(Duration.ofHours(2))
            .param("thumbnail", TypeRef.of(Thumbnail.class))
            .param("content", TypeRef.of(byte[].class))
            .build();

    private final Spool spool;

    private final JobOptions options;

    /**
     * A stub whose jobs use each task's own queue, retries and timeout.
     */
    public Thumbnails_UploaderTasks(Spool spool) {
        this(spool, JobOptions.defaults());
    }

    private Thumbnails_UploaderTasks(Spool spool, JobOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Stubs whose jobs use these options, e.g.
     * {@code tasks.with(o -> o.delay(Duration.ofMinutes(5)))}.
     */
    public Thumbnails_UploaderTasks with(UnaryOperator<JobOptions> change) {
        return new Thumbnails_UploaderTasks(spool, change.apply(options));
    }

    /**
     * Enqueues a job that runs {@link Thumbnails.Uploader#upload(Thumbnail, byte[])} on a worker.
     */
    public Job<String> upload(Thumbnail thumbnail, byte[] content) {
        return spool.enqueue(UPLOAD, options, thumbnail, content);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails.Uploader#upload(Thumbnail, byte[])} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<String>> uploadAsync(Thumbnail thumbnail, byte[] content) {
        return spool.enqueueAsync(UPLOAD, options, thumbnail, content);
    }

    /**
     * A batch of jobs with these stubs' options, written in one round trip by {@code enqueue()}.
     */
    public Batch batch() {
        return new Batch(spool.batch());
    }

    /**
     * Jobs of {@link Thumbnails.Uploader} collected for one round trip: each method checks and adds one job and
     * returns its handle, usable once {@link #enqueue()} returned.
     */
    public final class Batch extends TaskBatch {
        private Batch(JobBatch jobs) {
            super(jobs);
        }

        /**
         * Adds a job that runs {@link Thumbnails.Uploader#upload(Thumbnail, byte[])} to this batch.
         */
        public Job<String> upload(Thumbnail thumbnail, byte[] content) {
            return jobBatch().add(UPLOAD, Thumbnails_UploaderTasks.this.options, thumbnail, content);
        }
    }
}
