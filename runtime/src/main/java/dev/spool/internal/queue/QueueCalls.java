package dev.spool.internal.queue;

import dev.spool.internal.Flows;
import dev.spool.internal.Flows.Delivery;
import dev.spool.internal.Flows.NewJob;
import dev.spool.internal.Flows.Target;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.LuaScript;
import dev.spool.internal.Redis.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds every script call Spool makes: the one place that knows each script's KEYS and ARGV
 * (as Jedis' {@code CommandObjects} is for commands). The Lua files' headers document the same
 * lists; building a call is separate from running it ({@link Broker} runs them).
 */
public final class QueueCalls {

    /** The most wake-up tokens kept in a queue's signal list. */
    public static final int SIGNAL_CAP = 64;

    private static final String CAP = Integer.toString(SIGNAL_CAP);

    private QueueCalls() {}

    /**
     * Enqueues one job.
     *
     * @param when {@code "0"} now, {@code "+<ms>"} after a delay from Redis' now, {@code "@<ms>"}
     *     at an absolute epoch time
     */
    public static Call enqueue(QueueKeys q, String id, String packedPayload, String when) {
        return new Call(LuaScript.ENQUEUE_JOB, List.of(q.waiting(), q.ready(), q.due(), q.signal()),
                List.of(id, packedPayload, when, CAP));
    }

    /** Most jobs one {@code enqueueJobs-4.lua} call writes. */
    public static final int ENQUEUE_JOBS_BATCH = 1000;

    /**
     * Enqueues a batch of jobs of one queue that run at the same {@code when} (at most {@link
     * #ENQUEUE_JOBS_BATCH}); each is written as {@link #enqueue} would, the writes batched.
     *
     * @param idsAndPayloads pairs id, packed payload; ids distinct
     */
    public static Call enqueueJobs(QueueKeys q, String when, List<String> idsAndPayloads) {
        List<String> args = new ArrayList<>(2 + idsAndPayloads.size());
        args.add(when);
        args.add(CAP);
        args.addAll(idsAndPayloads);
        return new Call(LuaScript.ENQUEUE_JOBS, List.of(q.waiting(), q.ready(), q.due(), q.signal()), args);
    }

    /**
     * Records {@code completions} (id, token, result triples), then leases up to {@code max} jobs;
     * a repeat with the same {@code requestId} (not empty) returns the batch the first call leased.
     */
    public static Call fetch(QueueKeys q, List<Broker.Completion> completions, long resultTtlSeconds, int max,
            long leaseMillis, String workerId, long deadTtlSeconds, String requestId) {
        List<String> args = new ArrayList<>(7 + completions.size() * 3);
        args.add(q.jobPrefix());
        args.add(Integer.toString(max));
        args.add(Long.toString(leaseMillis));
        args.add(workerId == null ? "" : workerId);
        args.add(Long.toString(resultTtlSeconds));
        args.add(Long.toString(deadTtlSeconds));
        args.add(requestId == null ? "" : requestId);
        addCompletions(args, completions);
        return new Call(LuaScript.FETCH_JOBS, List.of(q.ready(), q.waiting(), q.active(), q.token(), q.dead()), args);
    }

    /** Records results, token-checked. */
    public static Call complete(QueueKeys q, List<Broker.Completion> completions, long resultTtlSeconds) {
        List<String> args = new ArrayList<>(2 + completions.size() * 3);
        args.add(q.jobPrefix());
        args.add(Long.toString(resultTtlSeconds));
        addCompletions(args, completions);
        return new Call(LuaScript.COMPLETE_JOBS, List.of(q.active()), args);
    }

    private static void addCompletions(List<String> args, List<Broker.Completion> completions) {
        for (Broker.Completion c : completions) {
            args.add(c.id());
            args.add(c.token());
            args.add(c.resultJson());
        }
    }

    /** Records a failed attempt, token-checked; {@code historyJson} may be null. */
    public static Call fail(QueueKeys q, Broker.Failed failed, long deadTtlSeconds) {
        List<String> args = new ArrayList<>(List.of(q.jobPrefix(), failed.id(), failed.token(), failed.failureJson(),
                failed.retryable() ? "1" : "0", Integer.toString(failed.retries()), Long.toString(failed.backoffMillis()),
                Long.toString(deadTtlSeconds)));
        if (failed.historyJson() != null) {
            args.add(failed.historyJson());
        }
        return new Call(LuaScript.FAIL_JOB, List.of(q.active(), q.due(), q.dead()), args);
    }

    /** Extends leases. */
    public static Call renew(QueueKeys q, List<Broker.Lease> leases, long leaseMillis) {
        return new Call(LuaScript.RENEW_LEASES, List.of(q.active()), leaseArgs(q, Long.toString(leaseMillis), leases));
    }

    /** Writes running jobs' progress; {@code progress} holds one packed report per lease, in order. */
    public static Call reportProgress(QueueKeys q, List<Broker.Lease> leases, List<String> progress) {
        List<String> args = new ArrayList<>(1 + leases.size() * 3);
        args.add(q.jobPrefix());
        for (int i = 0; i < leases.size(); i++) {
            args.add(leases.get(i).id());
            args.add(leases.get(i).token());
            args.add(progress.get(i));
        }
        return new Call(LuaScript.REPORT_PROGRESS, List.of(q.active()), args);
    }

    /** Discards a leased job if Redis' clock says its start deadline has passed. */
    public static Call expire(QueueKeys q, Broker.Lease lease, long deadlineMillis, long deadTtlSeconds) {
        return new Call(LuaScript.EXPIRE_JOB, List.of(q.active(), q.job(lease.id())),
                List.of(lease.id(), lease.token(), Long.toString(deadlineMillis), Long.toString(deadTtlSeconds)));
    }

    /** Hands leased jobs back to the front of their queue. */
    public static Call handBack(QueueKeys q, List<Broker.Lease> leases) {
        return new Call(LuaScript.RETURN_JOBS, List.of(q.active(), q.ready(), q.signal()), leaseArgs(q, CAP, leases));
    }

    private static List<String> leaseArgs(QueueKeys q, String second, List<Broker.Lease> leases) {
        List<String> args = new ArrayList<>(2 + leases.size() * 2);
        args.add(q.jobPrefix());
        args.add(second);
        for (Broker.Lease lease : leases) {
            args.add(lease.id());
            args.add(lease.token());
        }
        return args;
    }

    /** Takes back up to {@code max} expired leases. */
    public static Call recover(QueueKeys q, int max, int reclaimLimit, long deadTtlSeconds) {
        return new Call(LuaScript.RECOVER_LEASES, List.of(q.active(), q.ready(), q.dead(), q.signal()),
                List.of(q.jobPrefix(), Integer.toString(max), Integer.toString(reclaimLimit),
                        Long.toString(deadTtlSeconds), CAP));
    }

    /** Moves up to {@code max} due jobs to ready. */
    public static Call promote(QueueKeys q, int max) {
        return new Call(LuaScript.PROMOTE_DUE, List.of(q.due(), q.ready(), q.signal()),
                List.of(q.jobPrefix(), Integer.toString(max), CAP));
    }

    /** Reads one job's state. */
    public static Call readStatus(QueueKeys q, String id) {
        return new Call(LuaScript.READ_STATUS, List.of(q.waiting(), q.due(), q.job(id)), List.of(id));
    }

    /** Reads one job's state and notes for {@code waitMillis} that a client awaits it. */
    public static Call awaitJob(QueueKeys q, String id, long waitMillis) {
        return new Call(LuaScript.AWAIT_JOB, List.of(q.waiting(), q.due(), q.job(id), q.awaited()),
                List.of(id, Long.toString(Math.max(1, waitMillis))));
    }

    /** Re-queues a dead job. */
    public static Call retryDead(QueueKeys q, String id) {
        return new Call(LuaScript.RETRY_DEAD, List.of(q.dead(), q.ready(), q.signal(), q.job(id)), List.of(id, CAP));
    }

    /** Re-queues those of {@code ids} whose payload waits but which are in neither ready nor due. */
    public static Call requeueLost(QueueKeys q, List<String> ids) {
        List<String> args = new ArrayList<>(1 + ids.size());
        args.add(CAP);
        args.addAll(ids);
        return new Call(LuaScript.REQUEUE_LOST, List.of(q.waiting(), q.ready(), q.due(), q.signal()), args);
    }

    /** Deletes a dead job. */
    public static Call deleteDead(QueueKeys q, String id) {
        return new Call(LuaScript.DELETE_DEAD, List.of(q.dead(), q.job(id)), List.of(id));
    }

    // ---- workflows -------------------------------------------------------------------------------

    /** Most jobs one {@code enqueueFlowJobs-5.lua} call writes (keeps each call short for Redis). */
    public static final int ENQUEUE_BATCH = 200;

    /** Enqueues a runnable workflow job whose payload carries {@code targets}. */
    public static Call enqueueFlowJob(QueueKeys q, String id, String packedWithTargets, String when, List<Target> targets) {
        List<String> args = new ArrayList<>(5 + targets.size());
        args.add(id);
        args.add(packedWithTargets);
        args.add(when);
        args.add(CAP);
        args.add(Long.toString(Flows.FIRST_CHECK_MILLIS));
        for (Target target : targets) {
            args.add(target.entry(id));
        }
        return new Call(LuaScript.ENQUEUE_FLOW_JOB, List.of(q.waiting(), q.ready(), q.due(), q.signal(), q.flows()), args);
    }

    /**
     * Enqueues runnable workflow jobs: consecutive jobs of one queue go into one {@code
     * enqueueFlowJobs-5.lua} call (at most {@link #ENQUEUE_BATCH} each), a lone job into {@code
     * enqueueFlowJob-5.lua}. Each job is checked and written on its own.
     */
    public static List<Call> enqueueFlowJobs(List<NewJob> jobs) {
        List<Call> calls = new ArrayList<>();
        int i = 0;
        while (i < jobs.size()) {
            QueueKeys q = jobs.get(i).queue();
            int end = i + 1;
            while (end < jobs.size() && end - i < ENQUEUE_BATCH && jobs.get(end).queue().equals(q)) {
                end++;
            }
            if (end - i == 1) {
                NewJob job = jobs.get(i);
                calls.add(enqueueFlowJob(q, job.id(), job.packedWithTargets(), job.when(), job.targets()));
            } else {
                List<String> args = new ArrayList<>(2 + (end - i) * 5);
                args.add(CAP);
                args.add(Long.toString(Flows.FIRST_CHECK_MILLIS));
                for (int k = i; k < end; k++) {
                    NewJob job = jobs.get(k);
                    args.add(job.id());
                    args.add(job.packedWithTargets());
                    args.add(job.when());
                    args.add(Integer.toString(job.targets().size()));
                    for (Target target : job.targets()) {
                        args.add(target.entry(job.id()));
                    }
                }
                calls.add(new Call(LuaScript.ENQUEUE_FLOW_JOBS,
                        List.of(q.waiting(), q.ready(), q.due(), q.signal(), q.flows()), args));
            }
            i = end;
        }
        return calls;
    }

    /**
     * Creates a job that waits for its inputs.
     *
     * @param header the payload header (with the job's own continuation lines), ending in a newline
     * @param bound the arguments bound at creation, a JSON array
     * @param inputs how many inputs it waits for
     * @param mode {@code s} an argument per input, {@code l} one list of all inputs, {@code n} none
     * @param ttlSeconds how long its record lives if no input arrives (each input extends it)
     */
    public static Call createWaiting(QueueKeys q, String id, String header, String bound, int inputs, char mode,
            List<Target> targets, long ttlSeconds) {
        List<String> args = new ArrayList<>(7 + targets.size());
        args.add(id);
        args.add(header);
        args.add(bound);
        args.add(Integer.toString(inputs));
        args.add(String.valueOf(mode));
        args.add(Long.toString(Flows.FIRST_CHECK_MILLIS));
        args.add(Long.toString(ttlSeconds));
        for (Target target : targets) {
            args.add(target.entry(id));
        }
        return new Call(LuaScript.CREATE_WAITING_JOB, List.of(q.waiting(), q.job(id), q.flows()), args);
    }

    /** Delivers outcomes to waiting jobs of queue {@code q}. */
    public static Call join(QueueKeys q, List<Delivery> deliveries, long deadTtlSeconds, int maxPayloadChars) {
        List<String> args = new ArrayList<>(5 + deliveries.size() * 5);
        args.add(q.jobPrefix());
        args.add(q.joinPrefix());
        args.add(Long.toString(deadTtlSeconds));
        args.add(CAP);
        args.add(Integer.toString(maxPayloadChars));
        for (Delivery d : deliveries) {
            args.add(d.target().id());
            args.add(Integer.toString(d.target().index()));
            args.add(d.succeeded() ? "d" : "f");
            args.add(d.data());
            args.add(d.sourceQueue().queue().equals(q.queue()) ? d.target().entry(d.sourceId()) : "");
        }
        return new Call(LuaScript.JOIN_FLOWS, List.of(q.waiting(), q.ready(), q.signal(), q.flows()), args);
    }

    /** Finds up to {@code max} finished jobs of queue {@code q} whose outcome was not delivered yet. */
    public static Call sweep(QueueKeys q, int max) {
        return new Call(LuaScript.SWEEP_FLOWS, List.of(q.flows(), q.waiting()),
                List.of(q.jobPrefix(), Integer.toString(max), Long.toString(Flows.RECHECK_MILLIS)));
    }

    /** Registers a continuation on an existing job (dependsOn). */
    public static Call addFlow(QueueKeys parentQueue, String parentId, Target target, long sweeperOnlyMillis) {
        return new Call(LuaScript.ADD_FLOW,
                List.of(parentQueue.waiting(), parentQueue.job(parentId), parentQueue.flows()),
                List.of(parentId, target.text(), Long.toString(Flows.FIRST_CHECK_MILLIS), Long.toString(sweeperOnlyMillis)));
    }

    // ---- inspection and control (operators) -------------------------------------------------------

    /** Counts a queue's jobs by state. */
    public static Call countJobs(QueueKeys q) {
        return new Call(LuaScript.COUNT_JOBS, List.of(q.ready(), q.due(), q.active(), q.dead(), q.done()),
                List.of(q.paused(), q.held()));
    }

    /**
     * One page of a queue's jobs in one state ({@code q s a f d w}), or the jobs {@code ids} (state
     * {@code i}, offset and limit ignored).
     */
    public static Call listJobs(QueueKeys q, char state, long offset, int limit, List<String> ids) {
        List<String> args = new ArrayList<>(5 + ids.size());
        args.add(q.jobPrefix());
        args.add(String.valueOf(state));
        args.add(Long.toString(offset));
        args.add(Integer.toString(limit));
        if (state == 'i') {
            args.addAll(ids);
        } else {
            args.add(q.held());
        }
        return new Call(LuaScript.LIST_JOBS, List.of(q.ready(), q.due(), q.active(), q.dead(), q.done(), q.waiting()), args);
    }

    /** Cancels one job. */
    public static Call cancel(QueueKeys q, String id, long deadTtlSeconds, String reason) {
        return new Call(LuaScript.CANCEL_JOB, List.of(q.waiting(), q.ready(), q.due(), q.active(), q.job(id), q.cancels()),
                List.of(id, Long.toString(deadTtlSeconds), reason, q.held()));
    }

    /** Removes up to {@code max} waiting jobs. */
    public static Call purge(QueueKeys q, int max) {
        return new Call(LuaScript.PURGE_QUEUE, List.of(q.ready(), q.waiting(), q.due(), q.signal()),
                List.of(q.jobPrefix(), Integer.toString(max)));
    }

    /** A worker's heartbeat ({@code ttlSeconds} 0: it stops); {@code fields} are field, value pairs. */
    public static Call beat(String workersKey, String workerKey, String workerId, long ttlSeconds, List<String> fields) {
        List<String> args = new ArrayList<>(2 + fields.size());
        args.add(workerId);
        args.add(Long.toString(ttlSeconds));
        args.addAll(fields);
        return new Call(LuaScript.BEAT_WORKER, List.of(workersKey, workerKey), args);
    }

    /** Trims up to {@code max} expired entries from each of a queue's done and held sets. */
    public static Call trimKept(QueueKeys q, int max) {
        return new Call(LuaScript.TRIM_KEPT, List.of(q.done(), q.held()), List.of(Integer.toString(max)));
    }

    /**
     * Enqueues one job under a unique key unless a job holding the key exists.
     *
     * @param scope {@code 'q'} while queued, {@code 'f'} until finished, {@code 'p'} for a period
     * @param keyTtlMillis the period for {@code 'p'}; a bound on how long the key can be held otherwise
     */
    public static Call enqueueUnique(QueueKeys q, String uniqueKey, String id, String packedPayload, String when,
            char scope, long keyTtlMillis) {
        return new Call(LuaScript.ENQUEUE_UNIQUE, List.of(q.waiting(), q.ready(), q.due(), q.signal(), q.unique(uniqueKey)),
                List.of(id, packedPayload, when, CAP, String.valueOf(scope), Long.toString(keyTtlMillis), q.jobPrefix()));
    }
}
