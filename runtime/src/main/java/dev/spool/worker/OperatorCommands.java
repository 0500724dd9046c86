package dev.spool.worker;

import dev.spool.Cancellation;
import dev.spool.JobInfo;
import dev.spool.JobQueue;
import dev.spool.JobStatus;
import dev.spool.QueueCounts;
import dev.spool.RepairReport;
import dev.spool.WorkerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator commands of the worker main; see {@link OperateCommand} for what they share. */
final class OperatorCommands {

    private OperatorCommands() {}

    /** {@code queues}: every queue of the namespace with its counts. */
    @Command(name = "queues", mixinStandardHelpOptions = true, description = "Lists every queue with its counts by state.")
    static final class Queues extends OperateCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            List<QueueCounts> queues = withSpool(spool -> spool.queues());
            if (json) {
                return printJson(queues);
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("QUEUE", "QUEUED", "SCHEDULED", "ACTIVE", "WAITING", "SUCCEEDED", "DEAD", "PAUSED"));
            for (QueueCounts q : queues) {
                rows.add(List.of(q.queue(), Long.toString(q.queued()), Long.toString(q.scheduled()),
                        Long.toString(q.active()), Long.toString(q.waiting()), Long.toString(q.succeeded()),
                        Long.toString(q.dead()), q.paused() ? "yes" : "no"));
            }
            return printTable(rows);
        }
    }

    /** {@code jobs --queue q --state s}: one page of a queue's jobs in one state. */
    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists one page of a queue's jobs in one state.")
    static final class Jobs extends OperateCommand implements Callable<Integer> {
        @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "the queue")
        String queue;

        @Option(names = "--state", defaultValue = "queued", paramLabel = "STATE",
                description = "queued, scheduled, active, waiting, succeeded or failed (default: ${DEFAULT-VALUE})")
        String state;

        @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "jobs to skip (default: 0)")
        long offset;

        @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "most jobs shown, 1 to 1000 (default: 20)")
        int limit;

        @Override
        public Integer call() {
            JobStatus status;
            try {
                status = JobStatus.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (status == null || !JobQueue.LISTABLE.contains(status)) {
                return fail(2, "unknown state \"" + state + "\"; use queued, scheduled, active, waiting, succeeded or failed");
            }
            if (limit < 1 || limit > JobQueue.MAX_PAGE || offset < 0) {
                return fail(2, "--limit must be from 1 to " + JobQueue.MAX_PAGE + " and --offset not negative");
            }
            JobStatus listed = status;
            return withSpool(spool -> {
                String unknown = unknownQueue(spool, queue);
                if (unknown != null) {
                    return fail(NOT_FOUND, unknown);
                }
                List<JobInfo> jobs = spool.queue(queue).jobs(listed, offset, limit);
                if (json) {
                    return printJson(jobs);
                }
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("ID", "TASK", "ATTEMPTS", "ENQUEUED", "STARTED", "WHEN", "WORKER", "PROGRESS",
                        "ARGUMENTS / FAILURE"));
                for (JobInfo j : jobs) {
                    String when = j.scheduledFor() != null ? "due " + j.scheduledFor()
                            : j.leaseExpiresAt() != null ? "lease to " + j.leaseExpiresAt()
                            : j.finishedAt() != null ? "died " + j.finishedAt() : "-";
                    String detail = j.failure() != null && listed == JobStatus.FAILED
                            ? j.failure().exceptionClass() + ": " + j.failure().message() : j.arguments();
                    rows.add(List.of(j.id(), j.task().isEmpty() ? "?" : j.task(), Integer.toString(j.attempts()),
                            time(j.enqueuedAt()), time(j.startedAt()), when,
                            j.worker().isEmpty() ? "-" : j.worker(),
                            j.progress() == null ? "-" : Math.round(j.progress().fraction() * 100) + "%",
                            cell(detail, 60)));
                }
                printTable(rows);
                out().printf("%d job(s) shown from offset %d%n", jobs.size(), offset);
                out().flush();
                return 0;
            });
        }
    }

    /** {@code job ID}: one job in whatever queue of the namespace holds it. */
    @Command(name = "job", mixinStandardHelpOptions = true, description = "Shows one job: state, payload, attempts, failure.")
    static final class ShowJob extends OperateCommand implements Callable<Integer> {
        @Option(names = "--queue", paramLabel = "QUEUE", description = "its queue (default: look in every queue)")
        String queue;

        @Parameters(paramLabel = "ID", description = "the job id")
        String id;

        @Override
        public Integer call() {
            return withSpool(spool -> {
                Optional<JobInfo> found = queue == null ? spool.findJob(id) : spool.queue(queue).job(id);
                if (found.isEmpty()) {
                    return fail(NOT_FOUND, "no job " + id + (queue == null ? " in any queue of namespace " + spool.namespace()
                            : " in queue " + queue));
                }
                JobInfo j = found.get();
                if (json) {
                    return printJson(j);
                }
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("id:", j.id()));
                rows.add(List.of("queue:", j.queue()));
                rows.add(List.of("task:", j.task()));
                rows.add(List.of("status:", j.status().name()));
                rows.add(List.of("attempts:", Integer.toString(j.attempts())));
                rows.add(List.of("enqueued:", time(j.enqueuedAt())));
                rows.add(List.of("started:", time(j.startedAt())));
                rows.add(List.of("worker:", j.worker().isEmpty() ? "-" : j.worker()));
                if (j.progress() != null) {
                    rows.add(List.of("progress:", Math.round(j.progress().fraction() * 100) + "% " + j.progress().message()));
                }
                rows.add(List.of("arguments:", j.arguments() == null ? "-" : j.arguments()));
                if (j.failure() != null) {
                    rows.add(List.of("failure:", cell(j.failure().exceptionClass() + ": " + j.failure().message(), 500)));
                }
                return printTable(rows);
            });
        }
    }

    /** {@code pause QUEUE}. */
    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a queue: no worker fetches from it until it is resumed.")
    static final class Pause extends OperateCommand implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "the queue")
        String queue;

        @Override
        public Integer call() {
            return withSpool(spool -> {
                String unknown = unknownQueue(spool, queue);
                if (unknown != null) {
                    return fail(NOT_FOUND, unknown);
                }
                spool.queue(queue).pause();
                return json ? printJson(Map.of("queue", queue, "paused", true)) : say("queue " + queue + " paused");
            });
        }
    }

    /** {@code resume QUEUE}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused queue.")
    static final class Resume extends OperateCommand implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "the queue")
        String queue;

        @Override
        public Integer call() {
            return withSpool(spool -> {
                boolean was = spool.queue(queue).resume();
                if (json) {
                    return printJson(Map.of("queue", queue, "resumed", was));
                }
                return was ? say("queue " + queue + " resumed") : fail(NOT_FOUND, "queue " + queue + " was not paused");
            });
        }
    }

    /** {@code purge QUEUE --yes}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Removes every queued and scheduled job of a queue.")
    static final class Purge extends OperateCommand implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "the queue")
        String queue;

        @Option(names = "--yes", description = "confirm: the jobs are gone for good")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                return fail(2, "purge removes the waiting jobs of " + queue + " for good; add --yes to confirm");
            }
            return withSpool(spool -> {
                String unknown = unknownQueue(spool, queue);
                if (unknown != null) {
                    return fail(NOT_FOUND, unknown);
                }
                long removed = spool.queue(queue).purge();
                return json ? printJson(Map.of("queue", queue, "removed", removed))
                        : say("removed " + removed + " waiting job(s) from queue " + queue);
            });
        }
    }

    /** {@code repair QUEUE}: after Redis lost keys (eviction), re-queues stranded payloads, counts lost ones. */
    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Re-queues jobs whose queue entry Redis lost (an eviction) and counts those whose payload it lost.")
    static final class Repair extends OperateCommand implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "the queue")
        String queue;

        @Override
        public Integer call() {
            return withSpool(spool -> {
                String unknown = unknownQueue(spool, queue);
                RepairReport r = spool.queue(queue).repair();
                if (unknown != null && r.requeued() == 0 && r.unrecoverable() == 0) {
                    return fail(NOT_FOUND, unknown); // an evicted registry does not hide a queue that has jobs
                }
                if (json) {
                    return printJson(r);
                }
                return say("queue " + queue + ": re-queued " + r.requeued() + " job(s) whose queue entry was lost; "
                        + r.unrecoverable() + " job(s) lost their payload and cannot be recovered");
            });
        }
    }

    /** {@code cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a job: it never runs, or its run is interrupted.")
    static final class Cancel extends OperateCommand implements Callable<Integer> {
        @Option(names = "--queue", paramLabel = "QUEUE", description = "its queue (default: look in every queue)")
        String queue;

        @Parameters(paramLabel = "ID", description = "the job id")
        String id;

        @Override
        public Integer call() {
            return withSpool(spool -> {
                String in = queue;
                if (in == null) {
                    Optional<JobInfo> found = spool.findJob(id);
                    if (found.isEmpty()) {
                        return fail(NOT_FOUND, "no job " + id + " in any queue of namespace " + spool.namespace());
                    }
                    in = found.get().queue();
                }
                Cancellation c = spool.queue(in).cancel(id);
                if (json) {
                    printJson(c);
                    return c.outcome() == Cancellation.Outcome.NOT_FOUND ? NOT_FOUND : 0;
                }
                return switch (c.outcome()) {
                    case CANCELLED -> say("job " + id + " cancelled (it was " + c.before().name().toLowerCase(Locale.ROOT)
                            + "); it will not run");
                    case CANCELLED_RUNNING -> say("job " + id + " cancelled; it was running, its worker interrupts it");
                    case ALREADY_FINISHED -> say("job " + id + " had finished already ("
                            + c.before().name().toLowerCase(Locale.ROOT) + "); nothing changed");
                    case NOT_FOUND -> fail(NOT_FOUND, "no job " + id + " in queue " + queue);
                };
            });
        }
    }

    /** {@code workers}: the live workers of the namespace. */
    @Command(name = "workers", mixinStandardHelpOptions = true, description = "Lists the live workers (heartbeat within 30 s).")
    static final class Workers extends OperateCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            List<WorkerInfo> workers = withSpool(spool -> spool.workers());
            if (json) {
                return printJson(workers);
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("WORKER", "HOST", "PID", "QUEUES", "CONCURRENCY", "IN HAND", "STARTED", "LAST BEAT"));
            for (WorkerInfo w : workers) {
                rows.add(List.of(w.id(), w.host(), Long.toString(w.pid()), String.join(",", w.queues()),
                        Integer.toString(w.concurrency()), Integer.toString(w.jobsInHand()), w.startedAt().toString(),
                        w.lastBeat().toString()));
            }
            return printTable(rows);
        }
    }

}
