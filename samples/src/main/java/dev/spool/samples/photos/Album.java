package dev.spool.samples.photos;

import java.util.List;

/** A published album: its title and its thumbnails, in the order the photos were given. */
public record Album(String title, List<Thumbnail> thumbnails) {}
