package com.example.photos;

/** What a document contains. */
public record Summary(int words, int images) {}
