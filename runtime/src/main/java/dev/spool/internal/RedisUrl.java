package dev.spool.internal;

import dev.spool.SpoolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * A parsed Redis URL: {@code redis[s]://[[user]:password@]host[:port][/database]}. User and
 * password may be percent-encoded. {@link #toString()} never shows the password.
 *
 * @param tls whether the scheme is {@code rediss} (TLS)
 * @param user the ACL user, or {@code null} for the default user
 * @param password the password, or {@code null}
 * @param host the host name or address
 * @param port the port (6379 unless given)
 * @param database the database number (0 unless given)
 */
public record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {

    /** Parses a URL; throws {@link SpoolException} naming the problem (never the password). */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new SpoolException("a Redis URL is required, such as redis://127.0.0.1:6379");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new SpoolException("not a valid Redis URL: " + redact(url));
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("redis".equalsIgnoreCase(scheme)) {
            tls = false;
        } else if ("rediss".equalsIgnoreCase(scheme)) {
            tls = true;
        } else {
            throw new SpoolException(
                    "a Redis URL starts with redis:// or rediss:// (TLS), not: " + redact(url));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new SpoolException("the Redis URL names no host: " + redact(url));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                // redis://secret@host is the legacy form: a password for the default user.
                password = decode(userInfo);
            } else {
                user = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
                if (password.isEmpty()) {
                    password = null;
                }
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            String db = path.substring(1);
            try {
                database = Integer.parseInt(db);
            } catch (NumberFormatException e) {
                throw new SpoolException("the Redis URL's database must be a number, not \"" + db + "\": " + redact(url));
            }
            if (database < 0) {
                throw new SpoolException("the Redis URL's database must not be negative: " + redact(url));
            }
        }
        return new RedisUrl(tls, user, password, host, port, database);
    }

    /** The URL with any user info replaced by {@code ***}, safe to log. */
    public static String redact(String url) {
        return url == null ? "null" : url.replaceAll("//[^@/]*@", "//***@");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Host and port for Jedis. */
    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /**
     * Jedis settings: credentials, database, TLS and timeouts.
     *
     * @param tlsContext the TLS socket factory and parameters ({@link TlsContext#forUrl}), or
     *     {@code null} for a {@code redis://} URL
     */
    public JedisClientConfig clientConfig(String clientName, int timeoutMillis, TlsContext tlsContext) {
        if (tls != (tlsContext != null)) {
            throw new IllegalArgumentException(tls ? "a rediss:// URL needs a TLS context" : "a redis:// URL takes no TLS context");
        }
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .ssl(tls)
                .database(database)
                .clientName(clientName)
                .timeoutMillis(timeoutMillis)
                // Blocking commands (the worker's BLPOP waits 1 s) get a finite socket timeout too,
                // so a half-open connection is detected instead of blocking a thread forever.
                .blockingSocketTimeoutMillis(timeoutMillis + 2000);
        if (password != null) {
            builder.user(user).password(password);
        }
        if (tlsContext != null) {
            // The parameters carry endpoint identification: without it Jedis checks no host name.
            builder.sslSocketFactory(tlsContext.socketFactory()).sslParameters(tlsContext.parameters());
        }
        return builder.build();
    }

    /** The URL without the password, e.g. {@code rediss://app:***@cache:6380/2}. */
    @Override
    public String toString() {
        String auth = user == null && password == null ? "" : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + auth + shownHost + ":" + port + (database == 0 ? "" : "/" + database);
    }
}
