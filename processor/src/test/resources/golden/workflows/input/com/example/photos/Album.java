package com.example.photos;

import java.util.List;

/** A published album. */
public record Album(String title, List<String> urls) {}
