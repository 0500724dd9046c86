package dev.spool;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.time.Duration;

/**
 * A connection to one Spool namespace on one Redis server: what generated stubs enqueue through,
 * and what workers fetch from. Thread-safe; create one per application and close it on shutdown.
 *
 * <pre>{@code
 * try (Spool spool = Spool.connect("redis://127.0.0.1:6379")) {
 *     ThumbnailsTasks tasks = new ThumbnailsTasks(spool);
 *     Thumbnail thumbnail = tasks.render(image, 256).await(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class Spool implements AutoCloseable {

    // TODO(runtime): implementation.

    private Spool() {}

    /** A client with default settings for this Redis URL ({@code redis://} or {@code rediss://}). */
    public static Spool connect(String redisUrl) {
        return builder().redisUrl(redisUrl).build();
    }

    /** Starts configuring a client. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Enqueues one job of {@code task} with these arguments. Generated stubs call this; application
     * code calls the stubs.
     */
    public <R> Job<R> enqueue(TaskDescriptor<R> task, JobOptions options, Object... arguments) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A handle to a job enqueued earlier, possibly by another process. */
    public <R> Job<R> job(String queue, String id, TypeRef<R> resultType) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The namespace every key of this client starts with. */
    public String namespace() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Closes the connections to Redis. Jobs already enqueued are not affected. */
    @Override
    public void close() {}

    /** Configures a {@link Spool} client. */
    public static final class Builder {
        private Builder() {}

        /**
         * Where Redis is: {@code redis://[user:password@]host:port[/database]}, or {@code rediss://}
         * for TLS.
         */
        public Builder redisUrl(String redisUrl) {
            return this;
        }

        /** The prefix of every key Spool writes; {@code spool} unless set. */
        public Builder namespace(String namespace) {
            return this;
        }

        /** How long a finished job's result and failure are kept; one day unless set. */
        public Builder resultTtl(Duration resultTtl) {
            return this;
        }

        /** The client. */
        public Spool build() {
            return new Spool();
        }
    }
}
