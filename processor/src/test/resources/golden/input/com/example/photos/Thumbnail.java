package com.example.photos;

/** A rendered thumbnail. */
public record Thumbnail(String uri, int size) {}
