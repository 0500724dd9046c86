package dev.spool.samples;

import dev.spool.localredis.LocalRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The samples' tests each use a namespace of their own on the tests' Redis, and remove it afterwards. */
final class SampleNamespace {

    private SampleNamespace() {}

    /** Every key matching {@code pattern}, by a whole {@code SCAN} (the Redis may hold other data). */
    static List<String> keys(String pattern) {
        try (JedisPooled redis = new JedisPooled(URI.create(LocalRedis.url()))) {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().match(pattern).count(1_000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return keys;
        }
    }

    /** Deletes every key of {@code namespace}, and nothing else. */
    static void delete(String namespace) {
        List<String> keys = keys(namespace + ":*");
        if (!keys.isEmpty()) {
            try (JedisPooled redis = new JedisPooled(URI.create(LocalRedis.url()))) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }
}
