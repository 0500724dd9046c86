package dev.spool.internal.queue;

import dev.spool.RepairReport;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * An operator's repair of a queue after Redis lost part of its keys (eviction, a hand edit):
 * re-queues every job whose payload waits in the wait hash but whose id is in neither ready nor
 * due, so nothing would ever run it. Reads the queue's lists in pages, then lets {@code
 * requeueLost-4.lua} check each candidate again atomically before it writes.
 *
 * <p>It also counts the jobs it cannot repair: ids in ready or due whose payload is neither in
 * the wait hash nor in a record of the job (the wait hash, or the record, was evicted). It checks
 * the payload of each such id after it read the lists, then reads the lists again: an id still
 * there was there all along, so it was not fetched in between (a fetch moves the payload from the
 * wait hash into the record atomically, and a finished job with its result discarded has no
 * record), and its payload is really gone.
 */
public final class Repair {

    private static final Logger log = LoggerFactory.getLogger(Repair.class);
    private static final int PAGE = 10_000;
    private static final int BATCH = 500;

    private final Redis redis;
    private final Broker broker;

    /** A repair over this connection. */
    public Repair(Redis redis, Broker broker) {
        this.redis = redis;
        this.broker = broker;
    }

    /** Re-queues the queue's stranded payloads and counts the jobs whose payload is gone. */
    public RepairReport repair(QueueKeys q) {
        Set<String> placed = placed(q);
        Set<String> waiting = new HashSet<>();
        long requeued = 0;
        List<String> candidates = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().count(1000);
        do {
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page = redis.call(j -> j.hscan(q.waiting(), at, params));
            for (Map.Entry<String, String> entry : page.getResult()) {
                waiting.add(entry.getKey());
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
        List<String> suspects = new ArrayList<>();
        for (String id : placed) {
            if (!waiting.contains(id)) {
                suspects.add(id);
            }
        }
        List<String> gone = withoutPayload(q, suspects);
        if (!gone.isEmpty()) {
            Set<String> still = placed(q);
            gone.removeIf(id -> !still.contains(id));
        }
        if (requeued > 0) {
            log.info("Repair of queue {}: re-queued {} job(s) whose queue entry was lost", q.queue(), requeued);
        }
        if (!gone.isEmpty()) {
            log.warn("Repair of queue {}: {} queued or scheduled job(s) lost their payload (evicted?) and cannot be"
                    + " recovered; a worker drops their entries (first: {})", q.queue(), gone.size(),
                    gone.subList(0, Math.min(10, gone.size())));
        }
        return new RepairReport(q.queue(), requeued, gone.size());
    }

    /** The ids in ready (and the lists of the other priority levels) and due, read in pages. */
    private Set<String> placed(QueueKeys q) {
        Set<String> placed = new HashSet<>();
        List<String> lists = new ArrayList<>();
        lists.add(q.ready());
        for (String level : redis.call(j -> j.zrange(q.levels(), 0, -1))) {
            if (level.matches("-?[1-5]")) {
                lists.add(q.ready(Integer.parseInt(level)));
            }
        }
        for (String list : lists) {
            long length = redis.call(j -> j.llen(list));
            for (long from = 0; from < length; from += PAGE) {
                long start = from;
                placed.addAll(redis.call(j -> j.lrange(list, start, start + PAGE - 1)));
            }
        }
        long due = redis.call(j -> j.zcard(q.due()));
        for (long from = 0; from < due; from += PAGE) {
            long start = from;
            placed.addAll(redis.call(j -> j.zrange(q.due(), start, start + PAGE - 1)));
        }
        return placed;
    }

    /** Those of {@code ids} with no payload in the wait hash (read first) and no record. */
    private List<String> withoutPayload(QueueKeys q, List<String> ids) {
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<Response<Boolean>> inWait = new ArrayList<>(batch.size());
            List<Response<Boolean>> recorded = new ArrayList<>(batch.size());
            redis.call(j -> {
                try (AbstractPipeline p = j.pipelined()) {
                    for (String id : batch) {
                        inWait.add(p.hexists(q.waiting(), id));
                        recorded.add(p.exists(q.job(id)));
                    }
                    p.sync();
                }
                return null;
            });
            for (int i = 0; i < batch.size(); i++) {
                if (!inWait.get(i).get() && !recorded.get(i).get()) {
                    gone.add(batch.get(i));
                }
            }
        }
        return gone;
    }

    private long requeue(QueueKeys q, List<String> ids) {
        return (Long) broker.run(QueueCalls.requeueLost(q, ids));
    }
}
