package dev.spool;

/** Thrown before anything is written when a job's encoded arguments exceed the client's limit. */
public class PayloadTooLargeException extends SpoolException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /** The arguments of {@code task} encode to {@code size} bytes, over {@code limit}. */
    public PayloadTooLargeException(String task, long size, long limit) {
        super("the arguments of " + task + " take " + size + " bytes as JSON, more than the limit of "
                + limit + " bytes (Spool.Builder.maxPayloadBytes); pass a reference to the data instead");
        this.size = size;
        this.limit = limit;
    }

    /** The encoded size in bytes. */
    public long size() {
        return size;
    }

    /** The client's limit in bytes. */
    public long limit() {
        return limit;
    }
}
