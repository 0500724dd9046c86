package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.ProgressText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the progress that running tasks report ({@link dev.spool.JobContext#progress}) to their
 * job records. A task's report only sets a field in memory; every {@link #EVERY_MILLIS} ms this part
 * writes the latest report of each job whose report changed, one token-checked script call per
 * queue for all of them. So a job costs at most one Redis write per 100 ms however often its task
 * reports, and nothing at all while no task reports. One thread of its own, {@code spool-progress-<n>}.
 */
final class ProgressReports {

    /** How often reports are written. */
    static final long EVERY_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(ProgressReports.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WorkerConfig config;
    private final Map<String, InFlight> inFlight;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Threads.named("spool-progress", THREADS));

    ProgressReports(WorkerConfig config, Map<String, InFlight> inFlight) {
        this.config = config;
        this.inFlight = inFlight;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::write, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Writes every changed report; a failed write is tried again on the next turn. */
    void write() {
        if (inFlight.isEmpty()) {
            return;
        }
        Map<QueueKeys, List<InFlight>> changed = InFlight.byQueue(inFlight.values(),
                f -> !f.settled() && f.control.version() != f.progressWritten);
        for (Map.Entry<QueueKeys, List<InFlight>> entry : changed.entrySet()) {
            List<InFlight> jobs = entry.getValue();
            List<String> reports = new ArrayList<>(jobs.size());
            List<Long> versions = new ArrayList<>(jobs.size());
            for (InFlight f : jobs) {
                versions.add(f.control.version()); // read before the report: a newer one is written next turn
                reports.add(ProgressText.pack(f.control.progress()));
            }
            try {
                config.core().broker().reportProgress(entry.getKey(), InFlight.leases(jobs), reports);
                for (int i = 0; i < jobs.size(); i++) {
                    jobs.get(i).progressWritten = versions.get(i);
                }
            } catch (RuntimeException e) {
                log.debug("{} could not write the progress of {} job(s) in queue {}: {}", config.name(), jobs.size(),
                        entry.getKey().queue(), e.getMessage());
            }
        }
    }
}
