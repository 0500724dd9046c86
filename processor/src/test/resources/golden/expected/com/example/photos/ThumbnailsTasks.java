package com.example.photos;

import dev.spool.Job;
import dev.spool.JobBatch;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.TaskBatch;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Enqueues jobs that run the {@code @Task} methods of {@link Thumbnails}.
 * Each method puts a job on its task's queue and returns a typed {@link Job} handle to the
 * result; a worker runs the job later.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class ThumbnailsTasks {
    /**
     * The task {@code Thumbnails.render}: {@link Thumbnails#render(ImageRef, int)}.
     */
    public static final TaskDescriptor<Thumbnail> RENDER_IMAGE_REF_INT = TaskDescriptor.builder("Thumbnails.render", TypeRef.of(Thumbnail.class))
            .queue("images")
            .retries(3)
            .timeout(Duration.ofSeconds(30))
            .noRetryFor(IllegalArgumentException.class)
            .param("image", TypeRef.of(ImageRef.class))
            .param("size", TypeRef.of(int.class))
            .build();

    /**
     * The task {@code Thumbnails.renderDefault}: {@link Thumbnails#render(ImageRef)}.
     */
    public static final TaskDescriptor<Thumbnail> RENDER_IMAGE_REF = TaskDescriptor.builder("Thumbnails.renderDefault", TypeRef.of(Thumbnail.class))
            .param("image", TypeRef.of(ImageRef.class))
            .build();

    /**
     * The task {@code Thumbnails.renderAll}: {@link Thumbnails#renderAll(List, int[])}.
     */
    public static final TaskDescriptor<List<Map<String, Thumbnail>>> RENDER_ALL = TaskDescriptor.<List<Map<String, Thumbnail>>>builder("Thumbnails.renderAll", TypeRef.parameterized(List.class, TypeRef.parameterized(Map.class, TypeRef.of(String.class), TypeRef.of(Thumbnail.class))))
            .param("images", TypeRef.parameterized(List.class, TypeRef.of(ImageRef.class)))
            .param("sizes", TypeRef.of(int[].class))
            .build();

    /**
     * The task {@code Thumbnails.ping}: {@link Thumbnails#ping()}.
     */
    public static final TaskDescriptor<Void> PING = TaskDescriptor.builder("Thumbnails.ping", TypeRef.VOID)
            .timeout(Duration.ofMillis(1500))
            .expiresIn(Duration.ofMinutes(10))
            .build();

    /**
     * The task {@code Thumbnails.cached}: {@link Thumbnails#cached(String, String)}.
     */
    public static final TaskDescriptor<Optional<Thumbnail>> CACHED = TaskDescriptor.<Optional<Thumbnail>>builder("Thumbnails.cached", TypeRef.parameterized(Optional.class, TypeRef.of(Thumbnail.class)))
            .queue("maintenance")
            .param("spool", TypeRef.of(String.class))
            .param("options", TypeRef.of(String.class))
            .build();

    /**
     * The task {@code Thumbnails.tag}: {@link Thumbnails#tag(String[])}.
     */
    public static final TaskDescriptor<Void> TAG = TaskDescriptor.builder("Thumbnails.tag", TypeRef.VOID)
            .param("tags", TypeRef.of(String[].class))
            .build();

    private final Spool spool;

    private final JobOptions options;

    /**
     * A stub whose jobs use each task's own queue, retries and timeout.
     */
    public ThumbnailsTasks(Spool spool) {
        this(spool, JobOptions.defaults());
    }

    private ThumbnailsTasks(Spool spool, JobOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Stubs whose jobs use these options, e.g.
     * {@code tasks.with(o -> o.delay(Duration.ofMinutes(5)))}.
     */
    public ThumbnailsTasks with(UnaryOperator<JobOptions> change) {
        return new ThumbnailsTasks(spool, change.apply(options));
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#render(ImageRef, int)} on a worker.
     */
    public Job<Thumbnail> render(ImageRef image, int size) {
        return spool.enqueue(RENDER_IMAGE_REF_INT, options, image, size);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#render(ImageRef, int)} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<Thumbnail>> renderAsync(ImageRef image, int size) {
        return spool.enqueueAsync(RENDER_IMAGE_REF_INT, options, image, size);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#render(ImageRef)} on a worker.
     */
    public Job<Thumbnail> render(ImageRef image) {
        return spool.enqueue(RENDER_IMAGE_REF, options, image);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#render(ImageRef)} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<Thumbnail>> renderAsync(ImageRef image) {
        return spool.enqueueAsync(RENDER_IMAGE_REF, options, image);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#renderAll(List, int[])} on a worker.
     */
    public Job<List<Map<String, Thumbnail>>> renderAll(List<ImageRef> images, int[] sizes) {
        return spool.enqueue(RENDER_ALL, options, images, sizes);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#renderAll(List, int[])} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<List<Map<String, Thumbnail>>>> renderAllAsync(
            List<ImageRef> images, int[] sizes) {
        return spool.enqueueAsync(RENDER_ALL, options, images, sizes);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#ping()} on a worker.
     */
    public Job<Void> ping() {
        return spool.enqueue(PING, options);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#ping()} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<Void>> pingAsync() {
        return spool.enqueueAsync(PING, options);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#cached(String, String)} on a worker.
     */
    public Job<Optional<Thumbnail>> cached(String spool_, String options_) {
        return spool.enqueue(CACHED, options, spool_, options_);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#cached(String, String)} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<Optional<Thumbnail>>> cachedAsync(String spool_, String options_) {
        return spool.enqueueAsync(CACHED, options, spool_, options_);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#tag(String[])} on a worker.
     */
    public Job<Void> tag(String... tags) {
        return spool.enqueue(TAG, options, (Object) tags);
    }

    /**
     * Enqueues a job that runs {@link Thumbnails#tag(String[])} on a worker without waiting for Redis: the
     * arguments are checked now, the job is written on the client's enqueue thread (batched with
     * others waiting there); the future completes with its handle.
     */
    public CompletableFuture<Job<Void>> tagAsync(String... tags) {
        return spool.enqueueAsync(TAG, options, (Object) tags);
    }

    /**
     * A batch of jobs with these stubs' options, written in one round trip by {@code enqueue()}.
     */
    public Batch batch() {
        return new Batch(spool.batch());
    }

    /**
     * Jobs of {@link Thumbnails} collected for one round trip: each method checks and adds one job and
     * returns its handle, usable once {@link #enqueue()} returned.
     */
    public final class Batch extends TaskBatch {
        private Batch(JobBatch jobs) {
            super(jobs);
        }

        /**
         * Adds a job that runs {@link Thumbnails#render(ImageRef, int)} to this batch.
         */
        public Job<Thumbnail> render(ImageRef image, int size) {
            return jobBatch().add(RENDER_IMAGE_REF_INT, ThumbnailsTasks.this.options, image, size);
        }

        /**
         * Adds a job that runs {@link Thumbnails#render(ImageRef)} to this batch.
         */
        public Job<Thumbnail> render(ImageRef image) {
            return jobBatch().add(RENDER_IMAGE_REF, ThumbnailsTasks.this.options, image);
        }

        /**
         * Adds a job that runs {@link Thumbnails#renderAll(List, int[])} to this batch.
         */
        public Job<List<Map<String, Thumbnail>>> renderAll(List<ImageRef> images, int[] sizes) {
            return jobBatch().add(RENDER_ALL, ThumbnailsTasks.this.options, images, sizes);
        }

        /**
         * Adds a job that runs {@link Thumbnails#ping()} to this batch.
         */
        public Job<Void> ping() {
            return jobBatch().add(PING, ThumbnailsTasks.this.options);
        }

        /**
         * Adds a job that runs {@link Thumbnails#cached(String, String)} to this batch.
         */
        public Job<Optional<Thumbnail>> cached(String spool_, String options_) {
            return jobBatch().add(CACHED, ThumbnailsTasks.this.options, spool_, options_);
        }

        /**
         * Adds a job that runs {@link Thumbnails#tag(String[])} to this batch.
         */
        public Job<Void> tag(String... tags) {
            return jobBatch().add(TAG, ThumbnailsTasks.this.options, (Object) tags);
        }
    }
}
