package dev.spool.samples.photos;

import java.util.List;

/** Everything known about one photo, combined from the metadata and the vision workers. */
public record PhotoReport(String uri, PhotoMetadata metadata, List<String> labels) {}
