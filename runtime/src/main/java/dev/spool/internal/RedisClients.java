package dev.spool.internal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Creates the Jedis client for a {@link RedisTopology}: a pooled client for one Redis, a cluster
 * client that follows slot moves and failovers for a Redis Cluster, a client that follows
 * Sentinel's {@code +switch-master} announcements for Sentinel.
 *
 * <p>The cluster client retries a command on another connection only when the command cannot
 * have run: a connection that could not be opened, a {@code MOVED} or {@code ASK} redirection. A
 * connection that breaks while a command is sent or its reply awaited ends the call with {@link
 * LostReply}, which {@link Redis} turns into a {@link ReplyLostException}, so that the queue layer
 * decides whether to ask again, exactly as on one Redis.
 */
public final class RedisClients {

    /** How often the cluster client re-reads the slot map on its own (besides after MOVED and errors). */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(2);
    /** Attempts of one cluster command (connection refused, redirections). */
    static final int CLUSTER_ATTEMPTS = 5;

    private RedisClients() {}

    /**
     * A client for {@code topology}.
     *
     * @param config credentials, database, TLS and timeouts of every connection (to the sentinels
     *     without the credentials and database)
     */
    public static UnifiedJedis create(RedisTopology topology, JedisClientConfig config, ConnectionPoolConfig pool) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        topology.nodes().forEach(n -> nodes.add(n.hostAndPort()));
        return switch (topology.kind()) {
            case SINGLE -> new JedisPooled(topology.first().hostAndPort(), config, pool);
            case CLUSTER -> cluster(nodes, config, pool);
            case SENTINEL -> sentinel(topology.masterName(), nodes, config, pool);
        };
    }

    private static UnifiedJedis sentinel(String master, Set<HostAndPort> sentinels, JedisClientConfig config,
            ConnectionPoolConfig pool) {
        JedisClientConfig asked = sentinelConfig(config);
        try {
            return new JedisSentineled(master, config, pool, sentinels, asked);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            // Jedis says only "All sentinels down": ask the first sentinel again for the reason (a TLS refusal, ...).
            HostAndPort first = sentinels.iterator().next();
            try (redis.clients.jedis.Jedis probe = new redis.clients.jedis.Jedis(first, asked)) {
                probe.ping();
            } catch (RuntimeException reason) {
                throw new JedisConnectionException("no sentinel of " + sentinels + " told where master \"" + master
                        + "\" is; the first, " + first + ": " + reason.getMessage(), reason);
            }
            throw e;
        }
    }

    private static UnifiedJedis cluster(Set<HostAndPort> seeds, JedisClientConfig config, ConnectionPoolConfig pool) {
        ClusterConnectionProvider provider;
        try {
            provider = new ClusterConnectionProvider(seeds, config, pool, TOPOLOGY_REFRESH);
        } catch (JedisClusterOperationException e) {
            // Jedis keeps the first seed's failure as a suppressed exception: make it the cause, for TLS explanations.
            Throwable first = e.getSuppressed().length > 0 ? e.getSuppressed()[0] : null;
            throw new JedisConnectionException("could not read the slot map from any seed node " + seeds
                    + (first == null ? "" : ": " + first.getMessage()), first == null ? e : first);
        }
        Duration deadline = Duration.ofMillis((long) config.getSocketTimeoutMillis() * CLUSTER_ATTEMPTS);
        return new ClusterClient(new OnceExecutor(provider, CLUSTER_ATTEMPTS, deadline), provider);
    }

    private static JedisClientConfig sentinelConfig(JedisClientConfig master) {
        // Sentinels are asked without the application's credentials (they rarely share them) but
        // with the same TLS settings: each sentinel's certificate is checked like the master's.
        return DefaultJedisClientConfig.builder()
                .ssl(master.isSsl())
                .sslSocketFactory(master.getSslSocketFactory())
                .sslParameters(master.getSslParameters())
                .clientName(master.getClientName())
                .connectionTimeoutMillis(master.getConnectionTimeoutMillis())
                .socketTimeoutMillis(master.getSocketTimeoutMillis())
                .build();
    }

    /** A connection broke while a command was sent or its reply awaited: the command may have run. */
    public static final class LostReply extends JedisClusterOperationException {
        private static final long serialVersionUID = 1L;

        LostReply(JedisConnectionException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Jedis' cluster executor, which does not resend a command whose connection broke in use. */
    private static final class OnceExecutor extends ClusterCommandExecutor {
        OnceExecutor(ClusterConnectionProvider provider, int maxAttempts, Duration maxTotalRetriesDuration) {
            super(provider, maxAttempts, maxTotalRetriesDuration);
        }

        @Override
        protected <T> T execute(Connection connection, CommandObject<T> commandObject) {
            try {
                return super.execute(connection, commandObject);
            } catch (JedisConnectionException e) {
                // Jedis would send the command again; it may have run, so the caller decides.
                throw new LostReply(e);
            }
        }
    }

    /** A cluster client over {@link OnceExecutor}, with cluster pipelines (one per node, in parallel). */
    static final class ClusterClient extends UnifiedJedis {
        private final ClusterConnectionProvider clusterProvider;

        ClusterClient(OnceExecutor executor, ClusterConnectionProvider provider) {
            super(executor, provider, new ClusterCommandObjects());
            this.clusterProvider = provider;
        }

        @Override
        public ClusterPipeline pipelined() {
            return new ClusterPipeline(clusterProvider, new ClusterCommandObjects());
        }

        /** Re-reads the slot map (after a pipeline met a moved slot). */
        void renewSlots() {
            clusterProvider.renewSlotCache();
        }
    }

    /** Whether a client is a cluster client (keys of different slots may live on different nodes). */
    public static boolean isCluster(UnifiedJedis jedis) {
        return jedis instanceof ClusterClient;
    }
}
