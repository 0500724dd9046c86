package dev.spool.internal;

import dev.spool.JobFailure;
import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.QueueCalls;
import dev.spool.internal.queue.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow joins (chains, chords, dependencies) on Redis, one queue's hash tag per script.
 *
 * <p>Every workflow job that feeds another carries one <em>continuation</em> per job it feeds: a
 * payload extension line {@code wf:<target queue>|<target id>|<input index>} (read and written by {@link Payload}) and, in its own
 * queue, an entry {@code <id>|<target queue>|<target id>|<input index>} in the sorted set
 * {@code Q:flows} (the outbox). A job that waits for inputs has a record in state {@code w}.
 *
 * <ol>
 *   <li>The worker completes (or fails for good) a job with its usual token-checked script.
 *   <li>It then delivers the outcome to each target with {@code joinFlows-4.lua} on the target's
 *       queue, batched per queue: inputs are stored once per index, and the waiting job is released
 *       exactly once when all inputs are there, or failed at once by a failure.
 *   <li>Finally it removes the flows entries. If it dies before, the flows sweeper (every worker's
 *       maintenance) finds the finished job through its entry and delivers again; the join is
 *       idempotent, so a second delivery changes nothing.
 * </ol>
 */
public final class Flows {

    private static final Logger log = LoggerFactory.getLogger(Flows.class);

    /** Reason class of a job that cannot run because a job it waits for failed for good. */
    public static final String WORKFLOW_FAILED = "dev.spool.WorkflowFailed";
    /** How long after creation the sweeper first looks at an entry the worker will deliver (ms). */
    public static final long FIRST_CHECK_MILLIS = 2000;
    /** How long until the sweeper looks at a pending entry again (ms). */
    public static final long RECHECK_MILLIS = 2000;
    /** How soon the sweeper looks at an entry only it can deliver (a dependency on a running job). */
    static final long SWEEPER_ONLY_MILLIS = 200;

    private final SpoolCore core;

    private Flows(SpoolCore core) {
        this.core = core;
    }

    /** The flow operations of this client. */
    public static Flows of(SpoolCore core) {
        return new Flows(core);
    }

    /**
     * Where a job's outcome goes: input {@code index} of the waiting job {@code id} in {@code queue}.
     */
    public record Target(String queue, String id, int index) {

        /** The text of the continuation, {@code queue|id|index}. */
        public String text() {
            return queue + '|' + id + '|' + index;
        }

        /** Parses {@link #text()}. */
        static Target parse(String text) {
            int a = text.indexOf('|');
            int b = text.indexOf('|', a + 1);
            if (a < 0 || b < 0) {
                throw new SpoolException("malformed continuation \"" + text + "\"");
            }
            return new Target(text.substring(0, a), text.substring(a + 1, b), Integer.parseInt(text.substring(b + 1)));
        }

        /** The flows entry of the job {@code sourceId} for this target. */
        public String entry(String sourceId) {
            return sourceId + '|' + text();
        }
    }

    // ---- creating ------------------------------------------------------------------------------

    /**
     * A runnable workflow job to enqueue.
     *
     * @param packedWithTargets its packed payload, with its continuation lines
     */
    public record NewJob(QueueKeys queue, String id, String packedWithTargets, String when, List<Target> targets) {}

    /** Runs calls in one pipeline and fails on any error or duplicate id. */
    public void create(List<Redis.Call> calls) {
        core.epoch().ensure();
        List<Object> results = core.broker().runAll(calls);
        for (Object result : results) {
            if (result instanceof Exception e) {
                throw new SpoolException("starting the workflow failed: " + e.getMessage(), e);
            }
            List<?> codes = result instanceof List<?> list ? list : List.of(result); // a batch call: one code per job
            for (Object code : codes) {
                if (code instanceof Long && Reply.ofEnqueue(code) == Reply.ID_TAKEN) {
                    throw new SpoolException("starting the workflow failed: a job id is taken already; start it again");
                }
            }
        }
    }

    /**
     * Enqueues a job that waits for the jobs in {@code options.dependsOn()}: creates it waiting, then
     * registers it with each of them (delivering at once for those that finished already).
     */
    public <R> dev.spool.Job<R> enqueueDependent(dev.spool.spi.TaskDescriptor<R> task, dev.spool.JobOptions options,
            Object[] arguments) {
        if (options.delay().isPresent() || options.runAt().isPresent()) {
            throw new IllegalArgumentException("dependsOn cannot be combined with a delay or run-at time");
        }
        List<dev.spool.Job<?>> parents = options.dependsOn();
        SpoolCore.Prepared p = core.prepare(task, options, arguments);
        String bound = Payload.unpack(p.payload()).arguments();
        String header = p.payload().substring(0, p.payload().length() - bound.length());
        core.register(List.of(p.queue()));
        create(List.of(QueueCalls.createWaiting(p.queue(), p.id(), header, bound, parents.size(), 'n', List.of(),
                core.deadTtl().toSeconds())));
        for (int i = 0; i < parents.size(); i++) {
            dev.spool.Job<?> parent = parents.get(i);
            if (!JobIds.isValid(parent.id())) {
                throw new SpoolException("invalid job id \"" + parent.id() + "\"");
            }
            depend(core.keys().queue(parent.queue()), parent.id(), new Target(p.queue().queue(), p.id(), i));
        }
        return new JobHandle<>(core, p.queue(), p.id(), task.name(), task.resultType());
    }

    /**
     * Registers a continuation on an existing job (dependsOn) and delivers at once if that job has
     * finished already.
     */
    public void depend(QueueKeys parentQueue, String parentId, Target target) {
        List<?> r = (List<?>) core.broker().run(QueueCalls.addFlow(parentQueue, parentId, target, SWEEPER_ONLY_MILLIS));
        String state = (String) r.get(0);
        Delivery delivery = switch (state) {
            case "d" -> new Delivery(parentQueue, parentId, target, true, "");
            case "f" -> new Delivery(parentQueue, parentId, target, false,
                    wrapStored(parentQueue.queue(), parentId, (String) r.get(2), (String) r.get(1)));
            case "m" -> new Delivery(parentQueue, parentId, target, false, missing(parentQueue.queue(), parentId));
            default -> null;
        };
        if (delivery != null) {
            deliver(List.of(delivery));
        }
    }

    // ---- delivering ----------------------------------------------------------------------------

    /**
     * One outcome on its way to a waiting job.
     *
     * @param sourceQueue the queue of the finished job (whose flows entry is removed afterwards)
     * @param sourceId the finished job
     * @param target where the outcome goes
     * @param succeeded whether it succeeded
     * @param data its result JSON, or the failure JSON to record on the target
     */
    public record Delivery(QueueKeys sourceQueue, String sourceId, Target target, boolean succeeded, String data) {}

    /**
     * A job that succeeded, for {@link #succeeded}.
     *
     * @param id the job id
     * @param payload its packed payload (with its continuation lines)
     * @param resultJson its result
     */
    public record Succeeded(String id, String payload, String resultJson) {}

    /** Delivers the results of jobs of queue {@code q} that succeeded (after their completion was recorded). */
    public void succeeded(QueueKeys q, List<Succeeded> jobs) {
        List<Delivery> deliveries = new ArrayList<>(jobs.size());
        for (Succeeded job : jobs) {
            for (Target target : Payload.targets(job.payload())) {
                deliveries.add(new Delivery(q, job.id(), target, true, job.resultJson() == null ? "null" : job.resultJson()));
            }
        }
        deliver(deliveries);
    }

    /** Fails the jobs that wait for a job of queue {@code q} that failed for good (after it was recorded). */
    public void failed(QueueKeys q, String id, String payload, JobFailure failure) {
        String wrapped = wrap(q.queue(), id, Payload.taskOf(payload), failure);
        List<Delivery> deliveries = new ArrayList<>();
        for (Target target : Payload.targets(payload)) {
            deliveries.add(new Delivery(q, id, target, false, wrapped));
        }
        deliver(deliveries);
        if (!deliveries.isEmpty()) {
            WorkflowCancels.afterFailure(core, id);
        }
    }

    /**
     * Delivers outcomes: one join script call per target queue (pipelined), then passes failures on
     * to the failed jobs' own continuations, then removes the delivered flows entries.
     */
    public void deliver(List<Delivery> deliveries) {
        List<Delivery> pending = deliveries;
        while (!pending.isEmpty()) {
            Map<String, List<Delivery>> byTarget = new LinkedHashMap<>();
            for (Delivery d : pending) {
                byTarget.computeIfAbsent(d.target().queue(), k -> new ArrayList<>()).add(d);
            }
            List<Redis.Call> calls = new ArrayList<>(byTarget.size());
            for (Map.Entry<String, List<Delivery>> e : byTarget.entrySet()) {
                calls.add(QueueCalls.join(core.keys().queue(e.getKey()), e.getValue(), core.deadTtl().toSeconds(),
                        core.maxPayloadBytes() + 4096));
            }
            List<Object> results = core.broker().runAll(calls);
            List<Delivery> next = new ArrayList<>();
            int c = 0;
            for (Map.Entry<String, List<Delivery>> e : byTarget.entrySet()) {
                Object result = results.get(c++);
                if (result instanceof Exception ex) {
                    throw new SpoolException("delivering to queue " + e.getKey() + " failed: " + ex.getMessage(), ex);
                }
                List<?> flat = (List<?>) result;
                QueueKeys targetQueue = core.keys().queue(e.getKey());
                for (int i = 0; i < e.getValue().size(); i++) {
                    long code = (Long) flat.get(i * 3);
                    if (code == 3) {
                        Delivery d = e.getValue().get(i);
                        String failure = (String) flat.get(i * 3 + 2);
                        for (Target onward : Payload.targets((String) flat.get(i * 3 + 1))) {
                            next.add(new Delivery(targetQueue, d.target().id(), onward, false, failure));
                        }
                    }
                }
            }
            acknowledge(pending); // entries of other queues; the join removed those of its own queue
            pending = next;
        }
    }

    /** Removes delivered entries from their source queues' flows sets. */
    private void acknowledge(List<Delivery> delivered) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Delivery d : delivered) {
            if (d.sourceQueue().queue().equals(d.target().queue())) {
                continue; // removed by the join script, atomically with the delivery
            }
            bySource.computeIfAbsent(d.sourceQueue().flows(), k -> new ArrayList<>()).add(d.target().entry(d.sourceId()));
        }
        if (bySource.isEmpty()) {
            return;
        }
        core.broker().removeFlowEntries(bySource);
    }

    // ---- sweeping ------------------------------------------------------------------------------

    /**
     * Delivers the outcomes of finished jobs of {@code q} that were not delivered yet (their
     * worker died in between, or the job failed for good inside a script). Safe to run from every
     * worker at once.
     *
     * @return how many outcomes were delivered
     */
    public int sweep(QueueKeys q, int max) {
        List<?> flat = (List<?>) core.broker().run(QueueCalls.sweep(q, max));
        if (flat.isEmpty()) {
            return 0;
        }
        List<Delivery> deliveries = new ArrayList<>(flat.size() / 4);
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            String entry = (String) flat.get(i);
            int bar = entry.indexOf('|');
            String sourceId = entry.substring(0, bar);
            Target target = Target.parse(entry.substring(bar + 1));
            String state = (String) flat.get(i + 1);
            String data = (String) flat.get(i + 2);
            String task = (String) flat.get(i + 3);
            deliveries.add(switch (state) {
                case "d" -> new Delivery(q, sourceId, target, true, data);
                case "f" -> new Delivery(q, sourceId, target, false,
                        wrapStored(q.queue(), sourceId, task, data));
                default -> new Delivery(q, sourceId, target, false, missing(q.queue(), sourceId));
            });
        }
        deliver(deliveries);
        deliveries.stream().filter(d -> !d.succeeded()).map(Delivery::sourceId).distinct()
                .forEach(id -> WorkflowCancels.afterFailure(core, id));
        log.debug("Queue {}: delivered {} workflow outcome(s) that were left undelivered", q.queue(), deliveries.size());
        return deliveries.size();
    }

    // ---- failures ------------------------------------------------------------------------------

    /**
     * The failure recorded on a job that waited for a job that failed for good: a workflow failure
     * naming that job, its task and its error (kept as it is when it is a workflow failure already,
     * so a chain reports the root cause at every later step).
     */
    String wrap(String queue, String id, String task, JobFailure failure) {
        if (WORKFLOW_FAILED.equals(failure.exceptionClass())) {
            return core.codec().encodeFailure(failure);
        }
        String what = task == null || task.isEmpty() ? "job " + id : "job " + id + " (task " + task + ")";
        return withRoot(core.codec().encodeFailure(new JobFailure(WORKFLOW_FAILED,
                what + " in queue " + queue + " failed for good after " + failure.attempts() + " attempt(s): " + failure,
                failure.stackTrace(), 0)), id, task, queue, failure);
    }

    /**
     * {@link #wrap} of a stored failure record: a workflow failure passes on as stored (with the
     * root cause fields an {@code onFailure} handler reads), any other is wrapped.
     */
    String wrapStored(String queue, String id, String task, String failureJson) {
        JobFailure failure = core.codec().decodeFailure(failureJson);
        return WORKFLOW_FAILED.equals(failure.exceptionClass()) ? failureJson : wrap(queue, id, task, failure);
    }

    /**
     * Adds the root cause to a workflow failure record, for an {@code onFailure} handler
     * ({@code dev.spool.workflow.WorkflowFailure}): {@code j} job id, {@code t} task, {@code q}
     * queue, {@code rc} error class, {@code rm} message, {@code ra} attempts.
     */
    private String withRoot(String failureJson, String id, String task, String queue, JobFailure root) {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) readTree(failureJson);
        node.put("j", id).put("t", task == null ? "" : task).put("q", queue)
                .put("rc", root.exceptionClass()).put("rm", root.message()).put("ra", root.attempts());
        return node.toString();
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return core.codec().mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new SpoolException("unreadable failure record: " + e.getMessage(), e);
        }
    }

    private String missing(String queue, String id) {
        String message = "job " + id + " in queue " + queue
                + " is missing: it was never enqueued, or its record expired or was deleted before its outcome was delivered";
        return withRoot(core.codec().encodeFailure(new JobFailure(WORKFLOW_FAILED, message, "", 0)), id, "", queue,
                new JobFailure(WORKFLOW_FAILED, message, "", 0));
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Reads many jobs' states in one pipeline. */
    public List<Broker.StoredStatus> statuses(List<QueueKeys> queues, List<String> ids) {
        List<Redis.Call> calls = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            calls.add(QueueCalls.readStatus(queues.get(i), ids.get(i)));
        }
        List<Object> results = core.broker().runAll(calls);
        List<Broker.StoredStatus> out = new ArrayList<>(results.size());
        for (Object result : results) {
            if (result instanceof Exception e) {
                throw new SpoolException("reading the workflow failed: " + e.getMessage(), e);
            }
            out.add(Broker.StoredStatus.of(result));
        }
        return out;
    }

    /** The public status of a stored state. */
    public static dev.spool.JobStatus toStatus(Broker.StoredStatus stored) {
        return JobHandle.toStatus(stored);
    }
}
