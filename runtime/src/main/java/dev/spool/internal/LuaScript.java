package dev.spool.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lua script from {@code dev/spool/lua/<verbNoun>-<numKeys>.lua}; the file's header documents
 * its KEYS, ARGV and return values. Nothing is read when the class loads: a script's source is
 * read when it is first needed, and its SHA-1 is the one Redis answered to {@code SCRIPT LOAD}
 * (see {@link Redis}), so that connecting neither reads 36 files nor starts the JDK's digest
 * providers; only {@link #sha()} asked before any Redis loaded the script computes it locally.
 */
public final class LuaScript {

    /** A line that splices in {@code includes/<name>.lua}; declared first, as loading uses it. */
    private static final Pattern INCLUDE = Pattern.compile("(?m)^--@include (\\w+)$");

    /** Enqueues one job. */
    public static final LuaScript ENQUEUE_JOB = load("enqueueJob", 4);
    /** Enqueues a batch of jobs of one queue. */
    public static final LuaScript ENQUEUE_JOBS = load("enqueueJobs", 4);
    /** Leases a batch of ready jobs. */
    public static final LuaScript FETCH_JOBS = load("fetchJobs", 5);
    /** Records results, token-checked. */
    public static final LuaScript COMPLETE_JOBS = load("completeJobs", 1);
    /** Records a failed attempt, token-checked; retries or buries. */
    public static final LuaScript FAIL_JOB = load("failJob", 3);
    /** Extends leases, token-checked. */
    public static final LuaScript RENEW_LEASES = load("renewLeases", 1);
    /** Hands jobs back at once, token-checked. */
    public static final LuaScript RETURN_JOBS = load("returnJobs", 3);
    /** Takes back jobs whose lease expired. */
    public static final LuaScript RECOVER_LEASES = load("recoverLeases", 4);
    /** Moves due jobs to ready. */
    public static final LuaScript PROMOTE_DUE = load("promoteDue", 3);
    /** Reads a job's status. */
    public static final LuaScript READ_STATUS = load("readStatus", 3);
    /** Reads a job's status and notes that a client awaits it. */
    public static final LuaScript AWAIT_JOB = load("awaitJob", 4);
    /** Re-queues a dead job. */
    public static final LuaScript RETRY_DEAD = load("retryDead", 4);
    /** Deletes a dead job. */
    public static final LuaScript DELETE_DEAD = load("deleteDead", 2);
    public static final LuaScript REQUEUE_LOST = load("requeueLost", 4);

    /** Enqueues a runnable workflow job with its continuation entries. */
    public static final LuaScript ENQUEUE_FLOW_JOB = load("enqueueFlowJob", 5);
    /** Enqueues a batch of runnable workflow jobs of one queue with their continuation entries. */
    public static final LuaScript ENQUEUE_FLOW_JOBS = load("enqueueFlowJobs", 5);
    /** Creates a job that waits for its inputs (chain step, chord callback, dependent job). */
    public static final LuaScript CREATE_WAITING_JOB = load("createWaitingJob", 3);
    /** Delivers finished jobs' outcomes to waiting jobs of one queue; releases or fails them. */
    public static final LuaScript JOIN_FLOWS = load("joinFlows", 4);
    /** Finds finished jobs whose outcome was not delivered yet. */
    public static final LuaScript SWEEP_FLOWS = load("sweepFlows", 2);
    /** Registers a continuation on an existing job (dependsOn). */
    public static final LuaScript ADD_FLOW = load("addFlow", 3);

    /** Counts a queue's jobs by state (read-only). */
    public static final LuaScript COUNT_JOBS = load("countJobs", 5);
    /** Reads one page of a queue's jobs in one state (read-only). */
    public static final LuaScript LIST_JOBS = load("listJobs", 6);
    /** Cancels one job. */
    public static final LuaScript CANCEL_JOB = load("cancelJob", 6);
    /** Removes a batch of a queue's waiting jobs. */
    public static final LuaScript PURGE_QUEUE = load("purgeQueue", 4);
    /** A worker's heartbeat. */
    public static final LuaScript BEAT_WORKER = load("beatWorker", 2);
    /** Trims expired entries from a queue's done and held sets. */
    public static final LuaScript TRIM_KEPT = load("trimKept", 2);
    /** Writes running jobs' progress, token-checked. */
    public static final LuaScript REPORT_PROGRESS = load("reportProgress", 1);
    /** Discards a job fetched after its start deadline, token-checked. */
    public static final LuaScript EXPIRE_JOB = load("expireJob", 2);

    /** Takes a named lock and hands out its fencing token. */
    public static final LuaScript ACQUIRE_LOCK = load("acquireLock", 2);
    /** Extends a lock's lease, holder only. */
    public static final LuaScript RENEW_LOCK = load("renewLock", 1);
    /** Releases a lock, holder only. */
    public static final LuaScript RELEASE_LOCK = load("releaseLock", 1);

    /** Enqueues one job under a unique key unless a job holding the key exists. */
    public static final LuaScript ENQUEUE_UNIQUE = load("enqueueUnique", 5);
    /** Fires one tick of a periodic schedule, once across all workers. */
    public static final LuaScript FIRE_TICK = load("fireTick", 5);
    /** Adds or changes a periodic schedule. */
    public static final LuaScript PUT_SCHEDULE = load("putSchedule", 2);
    /** Removes a periodic schedule. */
    public static final LuaScript REMOVE_SCHEDULE = load("removeSchedule", 2);

    /** Writes one entry of a workflow's split context. */
    public static final LuaScript PUT_CONTEXT = load("putContext", 2);

    /** Every script. */
    public static final List<LuaScript> ALL = List.of(ENQUEUE_JOB, ENQUEUE_JOBS, FETCH_JOBS, COMPLETE_JOBS, FAIL_JOB,
            RENEW_LEASES, RETURN_JOBS, RECOVER_LEASES, PROMOTE_DUE, READ_STATUS, AWAIT_JOB, RETRY_DEAD, DELETE_DEAD,
            REQUEUE_LOST,
            ENQUEUE_FLOW_JOB, ENQUEUE_FLOW_JOBS, CREATE_WAITING_JOB, JOIN_FLOWS, SWEEP_FLOWS, ADD_FLOW,
            COUNT_JOBS, LIST_JOBS, CANCEL_JOB, PURGE_QUEUE, BEAT_WORKER, TRIM_KEPT,
            ACQUIRE_LOCK, RENEW_LOCK, RELEASE_LOCK, FIRE_TICK, PUT_SCHEDULE, REMOVE_SCHEDULE,
            ENQUEUE_UNIQUE, REPORT_PROGRESS, EXPIRE_JOB, PUT_CONTEXT);

    private final String name;
    private final int numKeys;
    /** Read on first use; the same text whichever thread reads it. */
    private volatile String source;
    /** From Redis' {@code SCRIPT LOAD} reply, or computed by {@link #sha()}; the same either way. */
    private volatile String sha;

    private LuaScript(String name, int numKeys) {
        this.name = name;
        this.numKeys = numKeys;
    }

    private static LuaScript load(String verbNoun, int numKeys) {
        return new LuaScript(verbNoun, numKeys);
    }

    private static String read(String verbNoun, int numKeys) {
        String resource = "/dev/spool/lua/" + verbNoun + "-" + numKeys + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            return spliceIncludes(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Replaces each line {@code --@include name} with the text of {@code includes/name.lua}, so
     * that helpers shared by several scripts are written once. Includes may include others; each
     * is spliced once per script, where it is first named. The SHA covers the spliced text.
     */
    private static String spliceIncludes(String source) {
        return splice(source, new java.util.HashSet<>());
    }

    private static String splice(String source, java.util.Set<String> spliced) {
        Matcher include = INCLUDE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (include.find()) {
            String name = include.group(1);
            String text = spliced.add(name) ? splice(readInclude(name), spliced) : "";
            include.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        include.appendTail(out);
        return out.toString();
    }

    private static String readInclude(String name) {
        String resource = "/dev/spool/lua/includes/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script include " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script's name, e.g. {@code fetchJobs}. */
    public String name() {
        return name;
    }

    /** How many KEYS it takes. */
    public int numKeys() {
        return numKeys;
    }

    /** The Lua source, with its includes spliced in. */
    public String source() {
        String text = source;
        if (text == null) {
            source = text = read(name, numKeys);
        }
        return text;
    }

    /**
     * The SHA-1 of the source, as {@code EVALSHA} wants it: the one Redis answered when it loaded
     * the script, else computed here.
     */
    public String sha() {
        String known = sha;
        if (known == null) {
            sha = known = sha1(source());
        }
        return known;
    }

    /** Records the SHA Redis answered to {@code SCRIPT LOAD} of {@link #source()}. */
    void loadedAs(String redisSha) {
        if (sha == null && redisSha != null) {
            sha = redisSha;
        }
    }

    @Override
    public String toString() {
        return name + "-" + numKeys + ".lua";
    }
}
