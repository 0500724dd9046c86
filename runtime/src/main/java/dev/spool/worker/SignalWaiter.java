package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The idle fetcher's wait for new work: a blocking pop on the queues' signal lists, which ends on
 * the first wake-up token or after the timeout.
 *
 * <p>On one Redis (and behind Sentinel) this is one {@code BLPOP} on every queue's signal list. A
 * Redis Cluster refuses a {@code BLPOP} whose keys are in different slots ({@code CROSSSLOT}), and
 * each queue has a slot of its own, so there the queues are grouped by slot and each group gets its
 * own {@code BLPOP}, on a thread of its own ({@code spool-signal-<n>}), all at once; the first
 * token ends the wait. A pop still running when the fetcher comes back (it woke for another group)
 * is waited on again instead of started twice. The cost on a cluster: one more connection and
 * thread per slot while idle, and one {@code BLPOP} per slot per second instead of one per worker;
 * the latency of a wake-up is the same as on one Redis.
 */
final class SignalWaiter implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Broker broker;
    private final boolean cluster;
    /** Per slot: the pop of that slot's signal lists still running (true when it took a token). */
    private final Map<Integer, CompletableFuture<Boolean>> pending = new HashMap<>();
    private ExecutorService threads;

    SignalWaiter(Broker broker, boolean cluster) {
        this.broker = broker;
        this.cluster = cluster;
    }

    /** Groups queues by the slot of their signal list (which is their hash tag's). */
    static Map<Integer, List<QueueKeys>> bySlot(List<QueueKeys> queues) {
        Map<Integer, List<QueueKeys>> groups = new LinkedHashMap<>();
        for (QueueKeys q : queues) {
            groups.computeIfAbsent(JedisClusterCRC16.getSlot(q.signal()), s -> new ArrayList<>()).add(q);
        }
        return groups;
    }

    /**
     * Waits until a wake-up token arrives on one of these queues' signal lists, at most
     * {@code seconds}.
     *
     * @throws RuntimeException if Redis could not be asked
     */
    void await(List<QueueKeys> queues, double seconds) {
        Map<Integer, List<QueueKeys>> groups = cluster ? bySlot(queues) : Map.of(0, queues);
        if (groups.size() == 1 && pending.isEmpty()) {
            broker.awaitSignal(queues, seconds);
            return;
        }
        if (threads == null) {
            threads = Executors.newCachedThreadPool(Threads.named("spool-signal", THREADS));
        }
        List<CompletableFuture<Boolean>> waits = new ArrayList<>(groups.size());
        for (Map.Entry<Integer, List<QueueKeys>> group : groups.entrySet()) {
            CompletableFuture<Boolean> wait = pending.get(group.getKey());
            if (wait == null || wait.isDone()) {
                List<QueueKeys> keys = group.getValue();
                wait = CompletableFuture.supplyAsync(() -> broker.awaitSignal(keys, seconds), threads);
                pending.put(group.getKey(), wait);
            }
            waits.add(wait);
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9) + TimeUnit.MILLISECONDS.toNanos(500);
        while (!waits.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                if (Boolean.TRUE.equals(CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new))
                        .get(left, TimeUnit.NANOSECONDS))) {
                    return;
                }
            } catch (TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            waits.removeIf(CompletableFuture::isDone);
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
