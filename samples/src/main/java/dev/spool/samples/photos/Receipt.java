package dev.spool.samples.photos;

/** Proof that a thumbnail was stored: its public address and size in bytes. */
public record Receipt(String url, long bytes) {}
