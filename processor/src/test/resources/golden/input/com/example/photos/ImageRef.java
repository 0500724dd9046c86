package com.example.photos;

/** Where a photo is. */
public record ImageRef(String uri, int width, int height) {}
