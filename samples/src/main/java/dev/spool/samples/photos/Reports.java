package dev.spool.samples.photos;

import dev.spool.annotations.Task;
import java.util.List;

/** Combines what the metadata and vision workers found. The aggregator of seed 000. */
public class Reports {

    /** Runs once both inputs exist; each arrives as its own typed parameter. */
    @Task
    public PhotoReport combine(PhotoMetadata metadata, List<String> labels, ImageRef image) {
        return new PhotoReport(image.uri(), metadata, List.copyOf(labels));
    }
}
