package dev.spool.test;

import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.SpoolCore;
import java.util.List;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Removes every key of one test namespace, with {@code SCAN} and {@code UNLINK}; never a flush. */
final class NamespaceKeys {

    private NamespaceKeys() {}

    /** How many keys of {@code spool}'s namespace there are now. */
    static long count(Spool spool) {
        long[] count = {0};
        scan(spool, keys -> count[0] += keys.size());
        return count[0];
    }

    /**
     * Removes every key of {@code spool}'s namespace, and makes the client forget that it put its
     * queues in the namespace's registry, so that the next test's queues are listed again.
     */
    static void remove(Spool spool) {
        SpoolCore core = Access.core(spool);
        java.util.Set<String> queues = core.redis().call(j -> j.smembers(core.keys().registry()));
        scan(spool, keys -> core.redis().call(j -> j.unlink(keys.toArray(String[]::new))));
        queues.forEach(core::forgetRegistered);
    }

    private static void scan(Spool spool, java.util.function.Consumer<List<String>> batch) {
        ScanParams params = new ScanParams().match(spool.namespace() + ":*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<String> page = Access.core(spool).redis().call(j -> j.scan(at, params));
            if (!page.getResult().isEmpty()) {
                batch.accept(page.getResult());
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
