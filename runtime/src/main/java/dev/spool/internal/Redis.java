package dev.spool.internal;

import dev.spool.RedisOutOfMemoryException;
import dev.spool.SpoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs Spool's scripts and commands on a pooled Jedis client: {@code EVALSHA}, falling back to
 * {@code EVAL} (which caches the script again) on {@code NOSCRIPT}; Jedis errors become {@link
 * SpoolException}s. It never runs anything twice by itself: a connection that breaks before the
 * reply arrives is a {@link ReplyLostException} (the call may or may not have run), and the
 * queue protocol layer ({@code dev.spool.internal.queue.Broker}), which knows what a repeat
 * means for each script, decides whether to ask again.
 */
public final class Redis implements AutoCloseable {

    private final JedisPooled jedis;
    private final String description;

    /** Wraps a client; {@code description} (a redacted URL) appears in error messages. */
    public Redis(JedisPooled jedis, String description) {
        this.jedis = jedis;
        this.description = description;
    }

    /** Loads every script, so later calls find them by SHA. */
    public void loadScripts() {
        call(j -> {
            for (LuaScript script : LuaScript.ALL) {
                j.scriptLoad(script.source());
            }
            return null;
        });
    }

    /** Runs one script. */
    public Object eval(LuaScript script, List<String> keys, List<String> args) {
        if (keys.size() != script.numKeys()) {
            throw new IllegalArgumentException(script + " takes " + script.numKeys() + " keys, not " + keys.size());
        }
        try {
            return evalOnce(script, keys, args);
        } catch (JedisConnectionException e) {
            throw new ReplyLostException("Redis " + script + " failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure(script.toString(), e);
        }
    }

    private Object evalOnce(LuaScript script, List<String> keys, List<String> args) {
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
        } catch (JedisConnectionException e) {
            throw new ReplyLostException("Redis pipeline failed on " + description + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw failure("pipeline", e);
        }
    }

    private List<Object> evalAllOnce(List<Call> calls) {
        List<Object> results = new ArrayList<>(calls.size());
        {
            List<Response<Object>> responses = new ArrayList<>(calls.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Call call : calls) {
                    responses.add(pipeline.evalsha(call.script().sha(), call.keys(), call.args()));
                }
                pipeline.sync();
            }
            for (int i = 0; i < calls.size(); i++) {
                try {
                    results.add(responses.get(i).get());
                } catch (JedisNoScriptException e) {
                    Call call = calls.get(i);
                    try {
                        results.add(jedis.eval(call.script().source(), call.keys(), call.args()));
                    } catch (redis.clients.jedis.exceptions.JedisDataException refused) {
                        results.add(failure(call.script().toString(), refused));
                    }
                } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                    results.add(failure(calls.get(i).script().toString(), e));
                }
            }
            return results;
        }
    }

    /** Runs any other command. */
    public <T> T call(Function<JedisPooled, T> command) {
        try {
            return command.apply(jedis);
        } catch (JedisConnectionException e) {
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

    /** The pooled client. */
    public JedisPooled jedis() {
        return jedis;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
