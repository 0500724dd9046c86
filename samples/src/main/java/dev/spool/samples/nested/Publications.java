package dev.spool.samples.nested;

import dev.spool.Job;
import dev.spool.annotations.Chain;
import dev.spool.annotations.Chord;
import dev.spool.samples.photos.ImageRef;
import dev.spool.samples.photos.Thumbnail;
import java.util.List;

/**
 * Nested workflows: a {@code "#name"} step, member or header is another workflow method of this
 * interface, expanded in place; the whole shape starts at once as one DAG.
 */
public interface Publications {

    /** Render, then a chord of one upload per destination, then the announcement. */
    @Chain({"Thumbnails.render", "#uploadAll", "Publishing.announce"})
    Job<String> publish(ImageRef image, int size, List<String> destinations, String email);

    /** The same, with an error handler that runs once if any job fails for good. */
    @Chain(value = {"Thumbnails.render", "#uploadAll", "Publishing.announce"}, onFailure = "Publishing.reportFailure")
    Job<String> publishOrReport(ImageRef image, int size, List<String> destinations, String email);

    /**
     * One upload of {@code thumbnail} per destination (the broadcast form: the first parameter goes
     * to every header job), then the sizes in destination order. As a chain step, {@code thumbnail}
     * is the previous step's result.
     */
    @Chord(header = "Publishing.uploadTo", callback = "Publishing.sizes")
    Job<List<Long>> uploadAll(Thumbnail thumbnail, List<String> destinations);

    /** A chord of chains: each shard through {@code #shard}, then all scores in shard order. */
    @Chord(header = "#shard", callback = "Publishing.collect")
    Job<List<Long>> scoreShards(List<Integer> shards);

    /** One shard: fetch, parse, score. */
    @Chain({"Publishing.fetch", "Publishing.parse", "Publishing.score"})
    Job<Long> shard(Integer shard);
}
