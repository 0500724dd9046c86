package dev.spool.fault;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the ledger with the jobs a test enqueued (by key): which were never run to the end
 * (lost), which ran more than once (duplicated), and which ran although no one enqueued them
 * (unexpected).
 */
public record LedgerCheck(Set<String> lost, Map<String, Integer> duplicated, Set<String> unexpected, int runs) {

    /** Checks the ledger in {@code dir} against the expected keys. */
    public static LedgerCheck of(Path dir, Collection<String> expected) {
        List<Ledger.Entry> entries = Ledger.read(dir);
        Map<String, Integer> runs = new TreeMap<>();
        Set<String> ended = new TreeSet<>();
        int total = 0;
        for (Ledger.Entry e : entries) {
            if (e.kind().equals("run")) {
                runs.merge(e.key(), 1, Integer::sum);
                total++;
            } else if (e.kind().equals("end")) {
                ended.add(e.key());
            }
        }
        Set<String> expectedSet = new TreeSet<>(expected);
        Set<String> lost = new TreeSet<>(expectedSet);
        lost.removeAll(ended);
        Map<String, Integer> duplicated = new TreeMap<>();
        runs.forEach((key, n) -> {
            if (n > 1) {
                duplicated.put(key, n);
            }
        });
        Set<String> unexpected = new TreeSet<>(runs.keySet());
        unexpected.removeAll(expectedSet);
        return new LedgerCheck(lost, duplicated, unexpected, total);
    }

    @Override
    public String toString() {
        return "runs " + runs + ", lost " + lost.size() + (lost.isEmpty() ? "" : " " + first(lost))
                + ", duplicated " + duplicated.size() + (duplicated.isEmpty() ? "" : " " + first(duplicated.keySet()))
                + ", unexpected " + unexpected.size();
    }

    private static String first(Collection<String> keys) {
        return keys.stream().limit(10).toList().toString();
    }
}
