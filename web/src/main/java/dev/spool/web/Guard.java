package dev.spool.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what. Every request passes {@link #check}; it throws an {@link ApiException} (401 or
 * 403, with the reason) for one that may not go on.
 *
 * <ul>
 *   <li>On a loopback address, the {@code Host} header must name a loopback host (no DNS rebinding).
 *   <li>A state-changing request whose {@code Origin} (or {@code Sec-Fetch-Site}) is another site is
 *       refused.
 *   <li>With an access token configured, every API request carries it ({@code Authorization: Bearer})
 *       or a session cookie made by logging in with it; a write with a session also carries the
 *       session's CSRF token ({@code X-CSRF-Token}).
 *   <li>Without a token (loopback only), reads are open; a write from a browser (one that sends an
 *       {@code Origin}, {@code Sec-Fetch-*} or a cookie) needs a session and its CSRF token, so only
 *       the dashboard's own pages can write; other local clients, such as {@code curl}, may write.
 *   <li>In read-only mode every write is refused.
 * </ul>
 */
final class Guard {

    static final String COOKIE = "spool_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Duration SESSION_LIFE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final byte[] token;
    private final boolean readOnly;
    private final boolean loopback;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    record Session(String id, String csrf, Instant expires) {}

    Guard(String token, boolean readOnly, InetAddress bound) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.readOnly = readOnly;
        this.loopback = bound.isLoopbackAddress();
    }

    boolean tokenRequired() {
        return token != null;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Checks one request; {@code write} for anything that changes state. */
    void check(HttpExchange exchange, boolean write, boolean api) {
        checkHost(exchange);
        if (write) {
            checkSameOrigin(exchange);
        }
        if (!api) {
            return; // the dashboard's static files hold no data
        }
        Optional<Session> session = session(exchange);
        boolean bearer = bearerMatches(exchange);
        if (token != null && !bearer && session.isEmpty()) {
            throw new ApiException(401, "this server needs its access token: send Authorization: Bearer <token>,"
                    + " or log in on the dashboard");
        }
        if (write) {
            if (readOnly) {
                throw new ApiException(403, "this server is read-only");
            }
            if (bearer) {
                return;
            }
            if (session.isPresent()) {
                String csrf = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
                if (csrf == null || !constantTimeEquals(csrf.getBytes(StandardCharsets.UTF_8),
                        session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiException(403, "missing or wrong " + CSRF_HEADER + " header for this session");
                }
                return;
            }
            if (looksLikeBrowser(exchange)) {
                throw new ApiException(403, "a write from a browser needs a dashboard session and its "
                        + CSRF_HEADER + " header");
            }
        }
    }

    /** Logs in: a new session if the token matches (or none is configured). */
    Session login(String offered) {
        if (token != null && (offered == null
                || !constantTimeEquals(offered.getBytes(StandardCharsets.UTF_8), token))) {
            throw new ApiException(401, "wrong access token");
        }
        if (sessions.size() >= MAX_SESSIONS) {
            Instant now = Instant.now();
            sessions.values().removeIf(s -> s.expires().isBefore(now));
            if (sessions.size() >= MAX_SESSIONS) {
                Iterator<String> oldest = sessions.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        Session s = new Session(randomText(), randomText(), Instant.now().plus(SESSION_LIFE));
        sessions.put(s.id(), s);
        return s;
    }

    /** Ends the request's session, if any. */
    void logout(HttpExchange exchange) {
        session(exchange).ifPresent(s -> sessions.remove(s.id()));
    }

    /** The valid session named by the request's cookie. */
    Optional<Session> session(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String part : cookies.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                Session s = sessions.get(p.substring(COOKIE.length() + 1));
                if (s != null && s.expires().isAfter(Instant.now())) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    String cookieFor(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + SESSION_LIFE.toSeconds();
    }

    private boolean bearerMatches(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (token == null || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return constantTimeEquals(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
    }

    private void checkHost(HttpExchange exchange) {
        if (!loopback) {
            return;
        }
        String host = hostName(exchange.getRequestHeaders().getFirst("Host"));
        if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.isEmpty())) {
            throw new ApiException(403, "this server answers on loopback only; Host \"" + host + "\" is not a loopback name");
        }
    }

    private static void checkSameOrigin(HttpExchange exchange) {
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
            throw new ApiException(403, "cross-origin write refused (Sec-Fetch-Site: " + site + ")");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String expected = "http://" + (host == null ? "" : host.toLowerCase(Locale.ROOT));
        String expectedTls = "https://" + (host == null ? "" : host.toLowerCase(Locale.ROOT));
        String given = origin.toLowerCase(Locale.ROOT);
        if (!given.equals(expected) && !given.equals(expectedTls)) {
            throw new ApiException(403, "cross-origin write refused: Origin " + origin + " is not this server");
        }
    }

    private static boolean looksLikeBrowser(HttpExchange exchange) {
        var h = exchange.getRequestHeaders();
        return h.containsKey("Origin") || h.containsKey("Sec-Fetch-Mode") || h.containsKey("Sec-Fetch-Site")
                || h.containsKey("Cookie");
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private String randomText() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
