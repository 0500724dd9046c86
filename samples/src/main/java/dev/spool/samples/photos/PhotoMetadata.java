package dev.spool.samples.photos;

/** What the file itself says about a photo: its camera and its shape. */
public record PhotoMetadata(String camera, int width, int height, boolean landscape) {}
