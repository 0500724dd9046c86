package dev.spool.test;

import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A fresh namespace on the local Redis for one test; deletes its keys (SCAN, never KEYS) on close. */
public final class RedisNamespace implements AutoCloseable {

    public final String url = LocalRedis.url();
    public final String namespace;
    public final JedisPooled jedis;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public RedisNamespace(String label) {
        this.namespace = LocalRedis.freshNamespace(label);
        this.jedis = new JedisPooled(url);
    }

    /** A client in this namespace, closed with this object. */
    public Spool spool() {
        return spool(Spool.builder());
    }

    /** A client from this builder in this namespace, closed with this object. */
    public Spool spool(Spool.Builder builder) {
        Spool spool = builder.redisUrl(url).namespace(namespace).poolSize(32).build();
        closeables.add(0, spool);
        return spool;
    }

    /** Closes this too, before the clients. */
    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    /** Every key of this namespace. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(namespace + ":*").count(1000);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (String key : keys()) {
            jedis.del(key);
        }
        jedis.close();
    }
}
