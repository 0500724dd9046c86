package dev.spool.samples.photos;

import dev.spool.Job;
import dev.spool.annotations.Chain;
import dev.spool.annotations.Chord;
import java.util.List;

/** The photo service's workflows, checked by the compiler and started through generated code. */
public interface Albums {

    /** Renders a thumbnail, stores it, then mails its owner: three typed steps, one after another. */
    @Chain({"Thumbnails.render", "Storage.upload", "Mailer.notifyOwner"})
    Job<String> renderAndShip(ImageRef image, int size, String email);

    /** Renders every photo in parallel, then publishes the thumbnails as one album, in input order. */
    @Chord(header = "Thumbnails.render", callback = "Thumbnails.publish")
    Job<Album> album(List<ImageRef> images, int size, String title);

    /**
     * Seed 000's aggregator: the metadata and vision workers run in parallel on their own queues,
     * and the report is combined once both have finished.
     */
    @Chord(members = {"Metadata.extract", "Vision.labels"}, callback = "Reports.combine")
    Job<PhotoReport> analyze(ImageRef image);
}
