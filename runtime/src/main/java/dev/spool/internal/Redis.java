package dev.spool.internal;

import dev.spool.RedisOutOfMemoryException;
import dev.spool.SpoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs Spool's scripts and commands on a Jedis client (one Redis, a cluster or Sentinel, see
 * {@link RedisClients}): the first call of a script from this client loads it ({@code SCRIPT
 * LOAD}, on a cluster on every node), every call is an {@code EVALSHA}, falling back to
 * {@code EVAL} (which caches the script again) on {@code NOSCRIPT}; Jedis errors become {@link
 * SpoolException}s. It never runs anything twice by itself: a connection that breaks before the
 * reply arrives is a {@link ReplyLostException} (the call may or may not have run), and the
 * queue protocol layer ({@code dev.spool.internal.queue.Broker}), which knows what a repeat
 * means for each script, decides whether to ask again.
 */
public final class Redis implements AutoCloseable {

    private final UnifiedJedis jedis;
    private final String description;
    private final boolean cluster;
    /** The scripts this client has loaded; a script is loaded at its first call, not at connect. */
    private final java.util.Set<LuaScript> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Wraps a client; {@code description} (a redacted URL) appears in error messages. */
    public Redis(UnifiedJedis jedis, String description) {
        this.jedis = jedis;
        this.description = description;
        this.cluster = RedisClients.isCluster(jedis);
    }

    /** Whether Redis is a cluster, where keys of different hash tags may live on different nodes. */
    public boolean cluster() {
        return cluster;
    }

    /**
     * Loads the script unless this client did already (on a cluster: on every node), so that its
     * calls find it by SHA; Redis' answer is the script's SHA, so none is computed here.
     */
    private void load(LuaScript script) {
        if (!loaded.contains(script)) {
            script.loadedAs(jedis.scriptLoad(script.source()));
            loaded.add(script);
        }
    }

    /** Runs one script. */
    public Object eval(LuaScript script, List<String> keys, List<String> args) {
        if (keys.size() != script.numKeys()) {
            throw new IllegalArgumentException(script + " takes " + script.numKeys() + " keys, not " + keys.size());
        }
        try {
            return evalOnce(script, keys, args);
        } catch (JedisConnectionException | RedisClients.LostReply e) {
            throw new ReplyLostException("Redis " + script + " failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure(script.toString(), e);
        }
    }

    private Object evalOnce(LuaScript script, List<String> keys, List<String> args) {
        load(script);
        try {
            return jedis.evalsha(script.sha(), keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(script.source(), keys, args);
        }
    }

    /** A script call for {@link #evalAll}. */
    public record Call(LuaScript script, List<String> keys, List<String> args) {}

    /**
     * Runs many script calls in one pipeline; each runs atomically on its own. A call that Redis
     * refused (an error reply: out of memory, a script's own error) does not hide the others'
     * replies: its place in the result holds the {@link SpoolException} (a {@link
     * RedisOutOfMemoryException} for {@code OOM}); the calls around it ran.
     */
    public List<Object> evalAll(List<Call> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        try {
            return evalAllOnce(calls);
        } catch (JedisConnectionException | RedisClients.LostReply | PipelineBroken e) {
            throw new ReplyLostException("Redis pipeline failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure("pipeline", e);
        }
    }

    private List<Object> evalAllOnce(List<Call> calls) {
        List<Object> results = new ArrayList<>(calls.size());
        {
            List<Response<Object>> responses = new ArrayList<>(calls.size());
            for (Call call : calls) {
                load(call.script());
            }
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Call call : calls) {
                    responses.add(pipeline.evalsha(call.script().sha(), call.keys(), call.args()));
                }
                pipeline.sync();
            }
            boolean moved = false;
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                try {
                    results.add(responses.get(i).get());
                } catch (JedisNoScriptException e) {
                    try {
                        results.add(jedis.eval(call.script().source(), call.keys(), call.args()));
                    } catch (redis.clients.jedis.exceptions.JedisDataException refused) {
                        results.add(failure(call.script().toString(), refused));
                    }
                } catch (JedisRedirectionException | JedisClusterException e) {
                    // A cluster pipeline sends by its slot map and follows no redirection: the call did
                    // not run (MOVED, ASK, TRYAGAIN, CLUSTERDOWN); it is run on its own, which follows them.
                    if (!moved && e instanceof JedisRedirectionException && jedis instanceof RedisClients.ClusterClient c) {
                        c.renewSlots();
                        moved = true;
                    }
                    results.add(evalOnce(call.script(), call.keys(), call.args()));
                } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                    results.add(failure(call.script().toString(), e));
                } catch (IllegalStateException e) {
                    // A cluster pipeline leaves the replies of a node whose connection broke unset.
                    throw new PipelineBroken("no reply from the node of " + call.keys().get(0), e);
                }
            }
            return results;
        }
    }

    /** A cluster pipeline got no reply from one of its nodes: its calls may or may not have run. */
    private static final class PipelineBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PipelineBroken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A {@code BLPOP} on {@code popKeys} (at most {@code seconds}) and one script call sent behind
     * it on the same connection, in one pipeline: Redis runs the script as soon as the pop returns
     * (with a token or at its timeout), without a round trip back to this client first. Only on one
     * Redis ({@link redis.clients.jedis.JedisPooled}); null elsewhere (the caller pops, then calls).
     * A connection that breaks is a {@link ReplyLostException}: the pop and the script may or may
     * not have run.
     *
     * @return the script's reply, or null when this client cannot pipeline behind a blocking pop
     */
    public Object popThenEval(String[] popKeys, double seconds, LuaScript script, List<String> keys, List<String> args) {
        if (!(jedis instanceof redis.clients.jedis.JedisPooled pooled)) {
            return null;
        }
        try {
            load(script);
            try (redis.clients.jedis.Connection connection = pooled.getPool().getResource()) {
                connection.setTimeoutInfinite(); // as for a lone BLPOP: the reply comes after the pop's own timeout
                Response<Object> reply;
                try (redis.clients.jedis.Pipeline pipeline = new redis.clients.jedis.Pipeline(connection)) {
                    pipeline.blpop(seconds, popKeys);
                    reply = pipeline.evalsha(script.sha(), keys, args);
                    pipeline.sync();
                } finally {
                    connection.rollbackTimeout();
                }
                try {
                    return reply.get();
                } catch (JedisNoScriptException e) {
                    return jedis.eval(script.source(), keys, args);
                }
            }
        } catch (JedisConnectionException | RedisClients.LostReply e) {
            throw new ReplyLostException("Redis " + script + " failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure(script.toString(), e);
        }
    }

    /** Runs any other command. */
    public <T> T call(Function<UnifiedJedis, T> command) {
        try {
            return command.apply(jedis);
        } catch (JedisConnectionException | RedisClients.LostReply e) {
            throw new ReplyLostException("Redis command failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure("command", e);
        }
    }

    private SpoolException failure(String what, JedisException e) {
        if (isOutOfMemory(e)) {
            return new RedisOutOfMemoryException("Redis " + what + " refused on " + description
                    + ", out of memory (maxmemory): " + e.getMessage(), e);
        }
        return new SpoolException("Redis " + what + " failed on " + description + ": " + e.getMessage(), e);
    }

    /** Whether Redis refused a command because it reached {@code maxmemory} (an {@code OOM} error). */
    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof redis.clients.jedis.exceptions.JedisDataException && message != null
                    && (message.startsWith("OOM ") || message.contains("OOM command not allowed"))) {
                return true;
            }
        }
        return false;
    }

    /** The client. */
    public UnifiedJedis jedis() {
        return jedis;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
