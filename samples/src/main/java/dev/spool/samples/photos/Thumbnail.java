package dev.spool.samples.photos;

/** A scaled-down copy of a photo, and a checksum of its content. */
public record Thumbnail(String uri, int width, int height, String checksum) {}
