package dev.spool.samples.nested;

import dev.spool.annotations.Task;
import dev.spool.samples.photos.Receipt;
import dev.spool.samples.photos.Thumbnail;
import dev.spool.workflow.WorkflowFailure;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The tasks of the nested workflows in {@link Publications}: uploads, shards and their joins. */
public class Publishing {

    /** How many times {@link #reportFailure} ran in this process (the samples' tests read it). */
    public static final AtomicInteger FAILURES_REPORTED = new AtomicInteger();

    /** Uploads a thumbnail to one destination; a {@code fail:} destination refuses it. */
    @Task(queue = "io")
    public Receipt uploadTo(Thumbnail thumbnail, String destination) {
        if (destination.startsWith("fail:")) {
            throw new IllegalStateException("destination refused the upload: " + destination);
        }
        return new Receipt(destination + "/" + thumbnail.checksum() + ".jpg", 64L * thumbnail.width());
    }

    /** The bytes uploaded to every destination, in destination order. */
    @Task
    public List<Long> sizes(List<Receipt> receipts) {
        return receipts.stream().map(Receipt::bytes).toList();
    }

    /** Tells the owner how much was uploaded where. */
    @Task(queue = "mail")
    public String announce(List<Long> sizes, String email) {
        return email + ": " + sizes.size() + " uploads, " + sizes.stream().mapToLong(Long::longValue).sum() + " bytes";
    }

    /** Reads one shard. */
    @Task
    public String fetch(Integer shard) {
        return "shard-" + shard;
    }

    /** Parses a shard's text into its number of characters. */
    @Task
    public Integer parse(String raw) {
        return raw.length() * 10 + Integer.parseInt(raw.substring(raw.indexOf('-') + 1));
    }

    /** Scores a parsed shard. */
    @Task
    public Long score(Integer parsed) {
        return parsed * 1000L;
    }

    /** The scores of all shards, in shard order. */
    @Task
    public List<Long> collect(List<Long> scores) {
        return scores;
    }

    /** The error handler of {@link Publications#publishOrReport}: runs once when a job fails for good. */
    @Task
    public String reportFailure(WorkflowFailure failure, String email) {
        FAILURES_REPORTED.incrementAndGet();
        return email + ": " + failure.task() + " failed";
    }
}
