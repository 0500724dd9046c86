package dev.spool.internal;

import dev.spool.internal.Keys.QueueKeys;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

/**
 * Learns of finished jobs from Redis instead of polling: one subscriber connection per client
 * (taken from the client's pool on the first await, thread {@code spool-completions}) listens on
 * the {@code finished} channel of every queue whose jobs this client awaits. A job is awaited by
 * noting its id in the queue's awaited set ({@code awaitJob-4.lua}); the script that finishes it
 * publishes its outcome there ({@code includes/notifyAwaiters.lua}) and this class hands the
 * message to the {@link Waiter}s of that job. Jobs nobody awaits cost nothing. A message lost
 * while the connection is down is made up for by the awaiting side, which reads the job's status
 * again every second ({@link #FALLBACK_MILLIS}).
 */
public final class Completions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Completions.class);

    /** How often an awaiting caller reads the status anyway, in case a message was lost. */
    public static final long FALLBACK_MILLIS = 1000;

    private final Redis redis;
    /** channel + "\n" + job id -> the waiters of that job. */
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    /** Channels wanted -> completed once the subscription is confirmed (again after a reconnect). */
    private final Map<String, CompletableFuture<Void>> channels = new ConcurrentHashMap<>();
    private final Listener listener = new Listener();
    private volatile boolean closed;
    private Thread thread;

    Completions(Redis redis) {
        this.redis = redis;
    }

    /**
     * One caller waiting for one job's outcome. {@link #message} completes with what the finishing
     * script published after the id: {@code "d\n<result JSON>"}, {@code "m"} (a success whose
     * record was discarded) or {@code "f"} (failed for good); {@link #subscribed} once the client
     * listens on the job's queue (or failed to, then only the fallback reads help).
     */
    public static final class Waiter {
        private final String key;
        /** The outcome's message, once published. */
        public final CompletableFuture<String> message = new CompletableFuture<>();
        /** Completes when the client listens on the job's queue. */
        public final CompletableFuture<Void> subscribed;

        private Waiter(String key, CompletableFuture<Void> subscribed) {
            this.key = key;
            this.subscribed = subscribed;
        }
    }

    /** Starts listening for one job's outcome; call {@link #unregister} when done waiting. */
    public Waiter register(QueueKeys queue, String id) {
        String channel = queue.finished();
        Waiter waiter = new Waiter(channel + "\n" + id, subscribe(channel));
        waiters.computeIfAbsent(waiter.key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    /** Stops listening for this waiter. */
    public void unregister(Waiter waiter) {
        waiters.computeIfPresent(waiter.key, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    private CompletableFuture<Void> subscribe(String channel) {
        CompletableFuture<Void> known = channels.get(channel);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = channels.get(channel);
            if (known != null) {
                return known;
            }
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            channels.put(channel, confirmed);
            if (closed) {
                confirmed.completeExceptionally(new IllegalStateException("the client is closed"));
            } else if (thread == null) {
                thread = new Thread(this::listen, "spool-completions");
                thread.setDaemon(true);
                thread.start();
            } else if (listener.isSubscribed()) {
                try {
                    listener.subscribe(channel);
                } catch (RuntimeException e) {
                    log.debug("Could not subscribe to {} now; the reconnect will", channel, e);
                }
            }
            return confirmed;
        }
    }

    private void listen() {
        while (!closed) {
            String[] wanted = channels.keySet().toArray(String[]::new);
            try {
                redis.jedis().subscribe(listener, wanted);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.debug("The completions subscription dropped ({}); awaiting callers read the status every {} ms"
                        + " until it is back", e.getMessage(), FALLBACK_MILLIS);
            }
            synchronized (this) { // from now on, a new channel waits for the next subscription
                channels.replaceAll((channel, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
            }
            if (!closed) {
                try {
                    TimeUnit.MILLISECONDS.sleep(FALLBACK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private final class Listener extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            CompletableFuture<Void> confirmed = channels.get(channel);
            if (confirmed != null) {
                confirmed.complete(null);
            }
            // channels asked for while this subscription was connecting
            String[] pending = channels.entrySet().stream().filter(e -> !e.getValue().isDone())
                    .map(Map.Entry::getKey).filter(c -> !c.equals(channel)).toArray(String[]::new);
            if (pending.length > 0) {
                subscribe(pending);
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            int newline = message.indexOf('\n');
            if (newline < 0) {
                return;
            }
            Set<Waiter> set = waiters.remove(channel + "\n" + message.substring(0, newline));
            if (set != null) {
                String outcome = message.substring(newline + 1);
                for (Waiter w : set) {
                    w.message.complete(outcome);
                }
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            try {
                if (listener.isSubscribed()) {
                    listener.unsubscribe();
                }
            } catch (RuntimeException e) {
                log.debug("Unsubscribing on close failed", e);
            }
            t.interrupt();
        }
    }
}
