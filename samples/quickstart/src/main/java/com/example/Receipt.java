package com.example;

/** Where a stored thumbnail is. */
public record Receipt(String url) {}
