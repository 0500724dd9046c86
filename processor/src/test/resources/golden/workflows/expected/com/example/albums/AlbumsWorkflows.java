package com.example.albums;

import com.example.photos.Album;
import com.example.photos.ExtractTasks;
import com.example.photos.ImageRef;
import com.example.photos.MailerTasks;
import com.example.photos.StorageTasks;
import com.example.photos.Summary;
import com.example.photos.ThumbnailsTasks;
import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Starts the workflows declared in {@link Albums}. Each method enqueues the workflow's jobs
 * and returns a typed handle to its final result.
 */
@Generated("dev.spool.processor.SpoolProcessor")
public final class AlbumsWorkflows implements Albums {
    private final Spool spool;

    private final JobOptions options;

    /**
     * Workflows whose jobs go through {@code spool}; each task uses its own queue, retries
     * and timeout.
     */
    public AlbumsWorkflows(Spool spool) {
        this(spool, JobOptions.defaults());
    }

    private AlbumsWorkflows(Spool spool, JobOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Workflows whose jobs use these options where a task has none of its own: queue,
     * retries and timeout for every job, a delay for the jobs that run at once, e.g.
     * {@code workflows.with(o -> o.queue("batch").delay(Duration.ofMinutes(5)))}.
     */
    public AlbumsWorkflows with(UnaryOperator<JobOptions> change) {
        return new AlbumsWorkflows(spool, change.apply(options));
    }

    /**
     * Starts a chain of {@code Thumbnails.render},
     * then {@code storage.upload},
     * then {@code Mailer.notifyOwner}.
     */
    @Override
    public Job<String> renderAndShip(ImageRef image, int size, String email) {
        return Workflow.chain(spool)
                .first(ThumbnailsTasks.RENDER, image, size)
                .then(StorageTasks.UPLOAD)
                .then(MailerTasks.NOTIFY_OWNER, email)
                .start(options);
    }

    /**
     * Starts a chord of {@code Thumbnails.render} for each element of {@code images},
     * then {@code Thumbnails.publish} with the results in input order.
     */
    @Override
    public WorkflowJob<Album> album(List<ImageRef> images, int size, String title) {
        return Workflow.chordOver(spool, ThumbnailsTasks.RENDER, images, image -> new Object[] {image, size})
                .callback(ThumbnailsTasks.PUBLISH, title)
                .start(options);
    }

    /**
     * Starts a chord of {@code Extract.text}
     * and {@code Extract.images} side by side,
     * then {@code Extract.merge} with their results.
     */
    @Override
    public Job<Summary> analyze(String documentId) {
        return Workflow.chord(spool)
                .member(ExtractTasks.TEXT, documentId)
                .member(ExtractTasks.IMAGES, documentId)
                .callback(ExtractTasks.MERGE, documentId)
                .start(options);
    }
}
