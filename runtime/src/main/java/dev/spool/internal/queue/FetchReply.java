package dev.spool.internal.queue;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker.Exchange;
import dev.spool.internal.queue.Broker.Leased;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat reply of {@code fetchJobs-5.lua} (see its header): one code per completion, the
 * corrupt entries it dead-lettered, then either {@code "P"} (paused), or an optional {@code "R"},
 * ms pair (the rate limit is reached) followed by the leased jobs in fours.
 */
final class FetchReply {

    private FetchReply() {}

    static Exchange read(QueueKeys q, int completions, List<?> flat) {
        List<Reply> recorded = new ArrayList<>(completions);
        for (int i = 0; i < completions; i++) {
            recorded.add(Reply.ofCompletion(flat.get(i)));
        }
        int deadCount = (int) (long) (Long) flat.get(completions);
        Map<String, String> corrupt = new LinkedHashMap<>();
        int from = completions + 1;
        for (; from < completions + 1 + 2 * deadCount; from += 2) {
            corrupt.put((String) flat.get(from), (String) flat.get(from + 1));
        }
        boolean paused = flat.size() == from + 1 && "P".equals(flat.get(from));
        long limitedMillis = 0;
        if ((flat.size() - from) % 4 == 2 && "R".equals(flat.get(from))) {
            limitedMillis = Math.max(1, (Long) flat.get(from + 1));
            from += 2;
        }
        List<Leased> jobs = new ArrayList<>(Math.max(0, (flat.size() - from) / 4));
        for (int i = from; i + 3 < flat.size(); i += 4) {
            jobs.add(new Leased(q, (String) flat.get(i), (String) flat.get(i + 1),
                    Integer.parseInt((String) flat.get(i + 2)), (String) flat.get(i + 3)));
        }
        return new Exchange(recorded, corrupt, jobs, paused, limitedMillis);
    }
}
