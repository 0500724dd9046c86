package dev.spool.samples.photos;

/** A photo as uploaded: where it is stored and its size in pixels. */
public record ImageRef(String uri, int width, int height) {}
