package com.example.albums;

import com.example.photos.ExtractTasks;
import com.example.photos.ImageRef;
import com.example.photos.SharingTasks;
import com.example.photos.StorageTasks;
import com.example.photos.Thumbnail;
import com.example.photos.ThumbnailsTasks;
import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.workflow.Dag;
import dev.spool.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Starts the workflows declared in {@link Publications}. Each method enqueues the workflow's jobs
 * and returns a typed handle to its final result.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class PublicationsWorkflows implements Publications {
    private final Spool spool;

    private final JobOptions options;

    /**
     * Workflows whose jobs go through {@code spool}; each task uses its own queue, retries
     * and timeout.
     */
    public PublicationsWorkflows(Spool spool) {
        this(spool, JobOptions.defaults());
    }

    private PublicationsWorkflows(Spool spool, JobOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Workflows whose jobs use these options where a task has none of its own: queue,
     * retries and timeout for every job, a delay for the jobs that run at once, e.g.
     * {@code workflows.with(o -> o.queue("batch").delay(Duration.ofMinutes(5)))}.
     */
    public PublicationsWorkflows with(UnaryOperator<JobOptions> change) {
        return new PublicationsWorkflows(spool, change.apply(options));
    }

    /**
     * Starts a chain of {@code Thumbnails.render},
     * then {@code #uploadAll},
     * then {@code Sharing.announce},
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     */
    @Override
    public Job<String> publish(ImageRef image, int size, List<String> destinations, String email) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, size);
        List<Dag.Ref<String>> destinationJobs = new ArrayList<>(destinations.size());
        for (String destination : destinations) {
            Dag.Ref<String> uploadTo = dag.after(List.of(render), SharingTasks.UPLOAD_TO, destination);
            destinationJobs.add(uploadTo);
        }
        Dag.Ref<List<String>> sorted = destinationJobs.isEmpty()
                ? dag.afterDone(List.of(render), SharingTasks.SORTED, List.of())
                : dag.afterAll(destinationJobs, SharingTasks.SORTED);
        Dag.Ref<String> announce = dag.after(List.of(sorted), SharingTasks.ANNOUNCE, email);
        return dag.start(announce, options);
    }

    /**
     * Starts a chord of {@code Sharing.uploadTo} for each element of {@code destinations},
     * then {@code Sharing.sorted} with the results in input order.
     */
    @Override
    public Job<List<String>> uploadAll(Thumbnail thumbnail, List<String> destinations) {
        return Workflow.chordOver(spool, SharingTasks.UPLOAD_TO, destinations, destination -> new Object[] {thumbnail, destination})
                .callback(SharingTasks.SORTED)
                .start(options);
    }

    /**
     * Starts a chord of {@code #ship} for each element of {@code images},
     * then {@code Sharing.announce} with the results in input order,
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     * If a job fails for good, {@code Sharing.alert} runs once with the failure.
     */
    @Override
    public Job<String> shipAll(List<ImageRef> images, int size, String email) {
        Dag dag = Workflow.dag(spool);
        List<Dag.Ref<String>> imageJobs = new ArrayList<>(images.size());
        for (ImageRef image : images) {
            Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, size);
            Dag.Ref<String> upload = dag.after(List.of(render), StorageTasks.UPLOAD);
            imageJobs.add(upload);
        }
        Dag.Ref<String> announce = imageJobs.isEmpty()
                ? dag.job(SharingTasks.ANNOUNCE, List.of(), email)
                : dag.afterAll(imageJobs, SharingTasks.ANNOUNCE, email);
        dag.onFailure(SharingTasks.ALERT, email);
        return dag.start(announce, options);
    }

    /**
     * Starts a chain of {@code Thumbnails.render},
     * then {@code storage.upload}.
     */
    @Override
    public Job<String> ship(ImageRef image, int size) {
        return Workflow.chain(spool)
                .first(ThumbnailsTasks.RENDER, image, size)
                .then(StorageTasks.UPLOAD)
                .start(options);
    }

    /**
     * Starts a chord of {@code #ship}
     * and {@code Extract.text} side by side,
     * then {@code Sharing.caption} with their results,
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     */
    @Override
    public Job<String> captioned(ImageRef image, int size, String documentId) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, size);
        Dag.Ref<String> upload = dag.after(List.of(render), StorageTasks.UPLOAD);
        Dag.Ref<String> text = dag.job(ExtractTasks.TEXT, documentId);
        Dag.Ref<String> caption = dag.after(List.of(upload, text), SharingTasks.CAPTION);
        return dag.start(caption, options);
    }

    /**
     * Starts a chord of {@code Thumbnails.render} for each element of {@code images},
     * then {@code #describe} with the results in input order,
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     */
    @Override
    public Job<String> renderAndDescribe(List<ImageRef> images, int size) {
        Dag dag = Workflow.dag(spool);
        List<Dag.Ref<Thumbnail>> imageJobs = new ArrayList<>(images.size());
        for (ImageRef image : images) {
            Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, size);
            imageJobs.add(render);
        }
        Dag.Ref<Integer> count = imageJobs.isEmpty()
                ? dag.job(ThumbnailsTasks.COUNT, List.of())
                : dag.afterAll(imageJobs, ThumbnailsTasks.COUNT);
        Dag.Ref<String> describe = dag.after(List.of(count), ThumbnailsTasks.DESCRIBE);
        return dag.start(describe, options);
    }

    /**
     * Starts a chain of {@code Thumbnails.count},
     * then {@code Thumbnails.describe}.
     */
    @Override
    public Job<String> describe(List<Thumbnail> thumbnails) {
        return Workflow.chain(spool)
                .first(ThumbnailsTasks.COUNT, thumbnails)
                .then(ThumbnailsTasks.DESCRIBE)
                .start(options);
    }

    /**
     * Starts a chord of {@code Thumbnails.render} for each element of {@code originals},
     * then {@code #compare} with the results in input order,
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     */
    @Override
    public Job<String> renderAndCompare(List<ImageRef> originals, int size, List<ImageRef> images) {
        Dag dag = Workflow.dag(spool);
        List<Dag.Ref<Thumbnail>> originalJobs = new ArrayList<>(originals.size());
        for (ImageRef original : originals) {
            Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, original, size);
            originalJobs.add(render);
        }
        Dag.Ref<Integer> count = originalJobs.isEmpty()
                ? dag.job(ThumbnailsTasks.COUNT, List.of())
                : dag.afterAll(originalJobs, ThumbnailsTasks.COUNT);
        Dag.Ref<String> describe = dag.after(List.of(count), ThumbnailsTasks.DESCRIBE);
        List<Dag.Ref<Thumbnail>> imageJobs = new ArrayList<>(images.size());
        for (ImageRef image : images) {
            Dag.Ref<Thumbnail> render_ = originalJobs.isEmpty()
                    ? dag.job(ThumbnailsTasks.RENDER, image, size)
                    : dag.afterDone(originalJobs, ThumbnailsTasks.RENDER, image, size);
            imageJobs.add(render_);
        }
        Dag.Ref<Integer> count_ = imageJobs.isEmpty()
                ? (originalJobs.isEmpty()
                    ? dag.job(ThumbnailsTasks.COUNT, List.of())
                    : dag.afterDone(originalJobs, ThumbnailsTasks.COUNT, List.of()))
                : dag.afterAll(imageJobs, ThumbnailsTasks.COUNT);
        Dag.Ref<String> describe_ = dag.after(List.of(count_), ThumbnailsTasks.DESCRIBE);
        Dag.Ref<String> caption = dag.after(List.of(describe, describe_), SharingTasks.CAPTION);
        return dag.start(caption, options);
    }

    /**
     * Starts a chord of {@code #describe}
     * and {@code #renderAndDescribe} side by side,
     * then {@code Sharing.caption} with their results,
     * as one DAG: all its jobs are enqueued together.
     * A name starting with # is another workflow method of this interface, expanded in place.
     */
    @Override
    public Job<String> compare(List<Thumbnail> thumbnails, List<ImageRef> images, int size) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Integer> count = dag.job(ThumbnailsTasks.COUNT, thumbnails);
        Dag.Ref<String> describe = dag.after(List.of(count), ThumbnailsTasks.DESCRIBE);
        List<Dag.Ref<Thumbnail>> imageJobs = new ArrayList<>(images.size());
        for (ImageRef image : images) {
            Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image, size);
            imageJobs.add(render);
        }
        Dag.Ref<Integer> count_ = imageJobs.isEmpty()
                ? dag.job(ThumbnailsTasks.COUNT, List.of())
                : dag.afterAll(imageJobs, ThumbnailsTasks.COUNT);
        Dag.Ref<String> describe_ = dag.after(List.of(count_), ThumbnailsTasks.DESCRIBE);
        Dag.Ref<String> caption = dag.after(List.of(describe, describe_), SharingTasks.CAPTION);
        return dag.start(caption, options);
    }
}
