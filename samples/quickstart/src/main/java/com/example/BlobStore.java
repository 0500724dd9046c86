package com.example;

/** Stands for a client of an object store, which the application configures and injects. */
public class BlobStore {
    private final String bucket;

    public BlobStore(String bucket) {
        this.bucket = bucket;
    }

    /** Where an object of this name is served. */
    public String put(String name) {
        return "https://cdn.example.com/" + bucket + "/" + name;
    }
}
