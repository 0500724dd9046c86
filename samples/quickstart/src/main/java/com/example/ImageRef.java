package com.example;

/** A photo as uploaded: where it is and its size in pixels. */
public record ImageRef(String uri, int width, int height) {}
