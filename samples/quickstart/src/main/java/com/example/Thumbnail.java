package com.example;

/** A scaled-down copy of a photo. */
public record Thumbnail(String uri, int width, int height) {}
