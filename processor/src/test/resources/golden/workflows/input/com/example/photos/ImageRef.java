package com.example.photos;

/** Where an image is stored. */
public record ImageRef(String bucket, String key) {}
