package dev.spool.internal;

import dev.spool.SpoolException;
import dev.spool.naming.Names;

/**
 * Builds every Redis key Spool uses (see {@code docs/redis-keys.md}). All keys of one queue share
 * the hash tag {@code {<namespace>:<queue>}}: {@code <namespace>:{<namespace>:<queue>}:<type>}.
 */
public final class Keys {

    private final String namespace;

    /** Keys under this namespace. */
    public Keys(String namespace) {
        this.namespace = validate("namespace", namespace);
    }

    /**
     * Checks a namespace or queue name with the rule the annotation processor applies to
     * {@code @Task(queue = ...)} ({@link Names#QUEUE_RULE}: no braces, colons or spaces, which would
     * break the layout).
     */
    public static String validate(String what, String name) {
        Names.queueProblem(name).ifPresent(problem -> {
            throw new SpoolException("invalid " + what + " \"" + name + "\": " + problem + "; use " + Names.QUEUE_RULE);
        });
        return name;
    }

    /** The namespace. */
    public String namespace() {
        return namespace;
    }

    /** The keys of one queue. */
    public QueueKeys queue(String queue) {
        validate("queue name", queue);
        String q = namespace + ":{" + namespace + ":" + queue + "}:";
        return new QueueKeys(queue, q + "ready", q + "wait", q + "due", q + "active", q + "dead",
                q + "signal", q + "token", q + "job:");
    }

    /**
     * The keys of one named lock ({@code dev.spool.SpoolLock}): the holder's record, with the lease as
     * its TTL, and the counter of fencing tokens, which has no TTL so that a token never repeats.
     */
    public LockKeys lock(String name) {
        validate("lock name", name);
        String l = namespace + ":{" + namespace + ":lock:" + name + "}:";
        return new LockKeys(name, l + "held", l + "fence");
    }

    /** The keys of one lock: its holder's hash and its token counter (one Cluster slot). */
    public record LockKeys(String name, String held, String fence) {}

    /** The set of every queue name used in this namespace (written once per queue per client process). */
    public String registry() {
        return namespace + ":{" + namespace + "}:queues";
    }

    /**
     * The namespace's data epoch (a string): gone or changed after Redis lost its data (see
     * {@link DataEpoch}).
     */
    public String epoch() {
        return namespace + ":{" + namespace + "}:epoch";
    }

    /** The set of live workers' ids, scored by their last heartbeat (ms). */
    public String workers() {
        return namespace + ":{" + namespace + "}:workers";
    }

    /** The description of one worker, with a TTL (its heartbeat). */
    public String worker(String id) {
        return namespace + ":{" + namespace + "}:worker:" + id;
    }

    /** The manifest of one workflow: its jobs' roles, tasks, queues and ids, with a TTL. */
    public String workflow(String workflowId) {
        return namespace + ":{" + namespace + "}:workflow:" + workflowId;
    }

    /** A workflow's split context: entry key -> owner job id and value (expires with the manifest). */
    public String workflowContext(String workflowId) {
        return workflow(workflowId) + ":context";
    }

    /** The pattern that matches every key of this namespace, for SCAN. */
    public String scanPattern() {
        return namespace + ":{" + namespace + ":*";
    }

    /**
     * The keys of one queue.
     *
     * @param queue the queue's name
     * @param ready list of ready ids
     * @param waiting hash id to packed payload
     * @param due sorted set of scheduled ids by due time
     * @param active sorted set of leased ids by lease expiry
     * @param dead sorted set of ids that failed for good by time of death
     * @param signal list of wake-up tokens
     * @param token lease token counter
     * @param jobPrefix prefix of job records; append the id
     */
    public record QueueKeys(String queue, String ready, String waiting, String due, String active,
            String dead, String signal, String token, String jobPrefix) {

        /** The record of one job. */
        public String job(String id) {
            return jobPrefix + id;
        }

        /** Continuation entries of this queue's workflow jobs, scored by next sweep (sorted set). */
        public String flows() {
            return jobPrefix.substring(0, jobPrefix.length() - "job:".length()) + "flows";
        }

        /** Exists while the queue is paused (string). */
        public String paused() {
            return base() + "paused";
        }

        /** Succeeded jobs whose result is kept, scored by the record's expiry (sorted set). */
        public String done() {
            return base() + "done";
        }

        /** Jobs waiting for a workflow's inputs, scored by the record's expiry (sorted set). */
        public String held() {
            return base() + "held";
        }

        /** Running jobs that were cancelled, scored by time of cancel (sorted set; workers poll it). */
        public String cancels() {
            return base() + "cancels";
        }

        /** The id of the job holding a unique key (string, with a TTL). */
        public String unique(String key) {
            return base() + "unique:" + key;
        }

        /** Jobs succeeded ({@code p}) and failed attempts ({@code f}) in one minute since the epoch (hash, 2 h TTL). */
        public String stat(long minute) {
            return base() + "stat:" + minute;
        }

        /** Periodic schedules of this queue: name to definition (hash). */
        public String schedules() {
            return base() + "schedules";
        }

        /** Next tick of each periodic schedule of this queue (sorted set, ms). */
        public String ticks() {
            return base() + "ticks";
        }

        /** Jobs that a client awaits, scored by when it stops waiting (sorted set; awaitJob-4.lua). */
        public String awaited() {
            return base() + "awaited";
        }

        /** The channel on which the outcomes of awaited jobs are published (not a key). */
        public String finished() {
            return base() + "finished";
        }

        /**
         * The ready list of a priority level other than 0 (list, no TTL: it holds queued jobs, like
         * ready; see {@code includes/levels.lua}); level 0 is {@link #ready()}.
         */
        public String ready(int level) {
            return level == 0 ? ready : ready + ":" + level;
        }

        /** The priority levels whose lists may hold jobs, member and score the level (sorted set, no TTL). */
        public String levels() {
            return base() + "levels";
        }

        /** The queue's rate limit and keyed flag (hash, no TTL; see {@code includes/limits.lua}). */
        public String limits() {
            return base() + "limits";
        }

        /** The starts within the rate limit's current window (sorted set, TTL one window). */
        public String rate() {
            return base() + "rate";
        }

        /** The jobs holding a slot of one concurrency key (set; TTL the dead TTL, renewed at each start). */
        public String holders(String key) {
            return base() + "ckey:" + key;
        }

        /** The jobs waiting for a slot of one concurrency key (list, deleted when empty). */
        public String parked(String key) {
            return base() + "parked:" + key;
        }

        /** The concurrency keys with parked jobs, scored by their next check (sorted set). */
        public String parkedKeys() {
            return base() + "parkedkeys";
        }

        private String base() {
            return jobPrefix.substring(0, jobPrefix.length() - "job:".length());
        }

        /** Prefix of the join hashes of waiting jobs; append the id. */
        public String joinPrefix() {
            return jobPrefix.substring(0, jobPrefix.length() - "job:".length()) + "join:";
        }
    }
}
