package dev.spool.internal.queue;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * An operator's repair of a queue after Redis lost part of its keys (eviction, a hand edit):
 * re-queues every job whose payload waits in the wait hash but whose id is in neither ready nor
 * due, so nothing would ever run it. Reads the queue's lists in pages, then lets {@code
 * requeueLost-4.lua} check each candidate again atomically before it writes.
 */
public final class Repair {

    private static final int PAGE = 10_000;
    private static final int BATCH = 500;

    private final Redis redis;
    private final Broker broker;

    /** A repair over this connection. */
    public Repair(Redis redis, Broker broker) {
        this.redis = redis;
        this.broker = broker;
    }

    /** Re-queues the queue's stranded payloads; returns how many. */
    public long requeueLost(QueueKeys q) {
        Set<String> placed = new HashSet<>();
        long length = redis.call(j -> j.llen(q.ready()));
        for (long from = 0; from < length; from += PAGE) {
            long start = from;
            placed.addAll(redis.call(j -> j.lrange(q.ready(), start, start + PAGE - 1)));
        }
        long due = redis.call(j -> j.zcard(q.due()));
        for (long from = 0; from < due; from += PAGE) {
            long start = from;
            placed.addAll(redis.call(j -> j.zrange(q.due(), start, start + PAGE - 1)));
        }
        long requeued = 0;
        List<String> candidates = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().count(1000);
        do {
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page = redis.call(j -> j.hscan(q.waiting(), at, params));
            for (Map.Entry<String, String> entry : page.getResult()) {
                if (!placed.contains(entry.getKey())) {
                    candidates.add(entry.getKey());
                }
                if (candidates.size() == BATCH) {
                    requeued += requeue(q, candidates);
                    candidates.clear();
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        if (!candidates.isEmpty()) {
            requeued += requeue(q, candidates);
        }
        return requeued;
    }

    private long requeue(QueueKeys q, List<String> ids) {
        return (Long) broker.run(QueueCalls.requeueLost(q, ids));
    }
}
