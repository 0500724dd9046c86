package com.example;

import java.util.List;

/** A published album. */
public record Album(String title, List<Thumbnail> thumbnails) {}
