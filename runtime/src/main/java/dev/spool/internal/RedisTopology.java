package dev.spool.internal;

import dev.spool.SpoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where Redis is and how it is laid out, parsed from a URL:
 *
 * <ul>
 *   <li>one Redis: {@code redis[s]://[[user]:password@]host[:port][/database]} ({@link RedisUrl});
 *   <li>a Redis Cluster: {@code redis[s]-cluster://[[user]:password@]host:port[,host:port...]}, the
 *       seed nodes (any of the cluster's nodes; the client learns the others from them);
 *   <li>Sentinel: {@code redis[s]-sentinel://[[user]:password@]host:port[,host:port...]/<master name>[/database]},
 *       the sentinels' addresses (port 26379 unless given) and the name of the master they watch;
 *       user and password are the master's (and its replicas'), the sentinels are asked without.
 * </ul>
 *
 * <p>The {@code s} in the scheme turns on TLS for every connection: each cluster node, each
 * sentinel and the master. {@link #toString()} never shows the password.
 *
 * @param kind single, cluster or Sentinel
 * @param nodes the server (single), the seed nodes (cluster) or the sentinels, each with the URL's
 *     credentials, database and TLS flag
 * @param masterName the master's name for Sentinel, else {@code null}
 */
public record RedisTopology(Kind kind, List<RedisUrl> nodes, String masterName) {

    /** How Redis is laid out. */
    public enum Kind {
        /** One Redis server. */
        SINGLE,
        /** A Redis Cluster: keys spread over slots, each slot on one master (and its replicas). */
        CLUSTER,
        /** A master and replicas watched by Sentinel, which promotes a replica when the master fails. */
        SENTINEL
    }

    /** Copies the node list. */
    public RedisTopology {
        nodes = List.copyOf(nodes);
    }

    /** Parses a URL; throws {@link SpoolException} naming the problem (never the password). */
    public static RedisTopology parse(String url) {
        if (url == null || url.isBlank()) {
            throw new SpoolException("a Redis URL is required, such as redis://127.0.0.1:6379");
        }
        String text = url.trim();
        int sep = text.indexOf("://");
        String scheme = sep < 0 ? "" : text.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        Kind kind;
        boolean tls;
        switch (scheme) {
            case "redis-cluster" -> { kind = Kind.CLUSTER; tls = false; }
            case "rediss-cluster" -> { kind = Kind.CLUSTER; tls = true; }
            case "redis-sentinel" -> { kind = Kind.SENTINEL; tls = false; }
            case "rediss-sentinel" -> { kind = Kind.SENTINEL; tls = true; }
            default -> {
                if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                    throw new SpoolException("a Redis URL starts with redis://, rediss:// (TLS), redis-cluster://, "
                            + "rediss-cluster://, redis-sentinel:// or rediss-sentinel://, not: " + RedisUrl.redact(url));
                }
                return new RedisTopology(Kind.SINGLE, List.of(RedisUrl.parse(text)), null);
            }
        }
        String rest = text.substring(sep + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hosts = authority.substring(at + 1);
        String masterName = null;
        String database = "";
        if (kind == Kind.SENTINEL) {
            int dbSlash = path.indexOf('/');
            masterName = dbSlash < 0 ? path : path.substring(0, dbSlash);
            database = dbSlash < 0 ? "" : path.substring(dbSlash + 1);
            if (masterName.isEmpty()) {
                throw new SpoolException("a Sentinel URL names the master after the sentinels, "
                        + "e.g. redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/mymaster: " + RedisUrl.redact(url));
            }
        } else if (!path.isEmpty()) {
            throw new SpoolException("a Redis Cluster has only database 0; a cluster URL takes no path: " + RedisUrl.redact(url));
        }
        List<RedisUrl> nodes = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (host.isBlank()) {
                throw new SpoolException("the Redis URL lists an empty address: " + RedisUrl.redact(url));
            }
            String hostPort = kind == Kind.SENTINEL && !hasPort(host.trim()) ? host.trim() + ":26379" : host.trim();
            nodes.add(RedisUrl.parse((tls ? "rediss://" : "redis://") + userInfo + hostPort
                    + (database.isEmpty() ? "" : "/" + database)));
        }
        return new RedisTopology(kind, nodes, masterName);
    }

    private static boolean hasPort(String host) {
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        return colon > close && (close >= 0 || host.indexOf(':') == colon);
    }

    /** Whether connections use TLS. */
    public boolean tls() {
        return nodes.get(0).tls();
    }

    /** The first node: the server, the first seed or the first sentinel (its host names TLS errors). */
    public RedisUrl first() {
        return nodes.get(0);
    }

    /** The URL without the password, e.g. {@code redis-cluster://10.0.0.1:7000,10.0.0.2:7000}. */
    @Override
    public String toString() {
        if (kind == Kind.SINGLE) {
            return first().toString();
        }
        RedisUrl first = first();
        String auth = first.user() == null && first.password() == null ? ""
                : (first.user() == null ? "" : first.user()) + (first.password() == null ? "" : ":***") + "@";
        String hosts = nodes.stream().map(n -> (n.host().contains(":") ? "[" + n.host() + "]" : n.host()) + ":" + n.port())
                .collect(Collectors.joining(","));
        String scheme = (tls() ? "rediss-" : "redis-") + (kind == Kind.CLUSTER ? "cluster" : "sentinel");
        String path = kind == Kind.SENTINEL ? "/" + masterName + (first.database() == 0 ? "" : "/" + first.database()) : "";
        return scheme + "://" + auth + hosts + path;
    }
}
