package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task threads are interrupted while they write to the ledger (timeouts, hand-backs, lease
 * expiry); one interrupted writer must not close the ledger for the others, or their jobs fail.
 */
class LedgerTest {

    @TempDir
    Path dir;

    @AfterEach
    void closeLedger() {
        Ledger.close();
    }

    private static String line(String key, int attempt) {
        return "run " + key + " 0AbCdEfGhIjKlM " + attempt + " worker-1 7";
    }

    @Test
    void anInterruptedWriterWritesItsLineAndLeavesTheLedgerOpenForEveryone() throws Exception {
        Ledger.open(dir, "ledger");
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    if (thread % 2 == 0) {
                        Thread.currentThread().interrupt(); // as a timeout or a hand-back would, mid-run
                    }
                    try {
                        Ledger.append(line("k-" + thread + "-" + i, 1));
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        Ledger.append(line("after", 2));

        assertThat(errors).isEmpty();
        List<Ledger.Entry> entries = Ledger.read(dir);
        assertThat(entries).hasSize(8 * 200 + 1);
        assertThat(entries).extracting(Ledger.Entry::key).doesNotHaveDuplicates().contains("k-0-199", "k-1-199", "after");
        assertThat(entries).allMatch(e -> e.jobId().equals("0AbCdEfGhIjKlM") && e.worker().equals("worker-1"));
    }
}
