package com.example.photos;

/** A rendered thumbnail. */
public record Thumbnail(ImageRef source, int size, byte[] png) {}
