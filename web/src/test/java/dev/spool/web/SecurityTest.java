package dev.spool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.web.testing.WebFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access token, sessions with CSRF tokens, cross-origin and foreign-host refusals, read-only mode, body limits. */
class SecurityTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String JOB = "{\"task\": \"Shop.add\", \"args\": [1, 2]}";

    private WebFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return f.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(f.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void withATokenEveryApiRequestNeedsItAndAnyOtherAddressThanLoopbackNeedsOne() throws Exception {
        f = new WebFixture("token", b -> b.token(TOKEN));
        HttpResponse<String> anonymous = f.get("/api/queues");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("needs its access token");
        assertThat(send(HttpRequest.newBuilder(f.uri("/api/queues")).header("Authorization", "Bearer wrong-token-0000000"))
                .statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(f.uri("/api/queues")).header("Authorization", "Bearer " + TOKEN))
                .statusCode()).isEqualTo(200);
        assertThat(f.post("/api/jobs", JOB).statusCode()).isEqualTo(401);
        assertThat(send(post("/api/jobs", JOB).header("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(202);
        assertThat(f.get("/").statusCode()).isEqualTo(200); // the page itself holds no data; it asks to log in
        assertThat(f.post("/api/session", "{\"token\": \"nope\"}").statusCode()).isEqualTo(401);

        assertThatThrownBy(() -> dev.spool.web.SpoolWeb.builder(f.spool).bind("0.0.0.0").port(0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an access token");
        assertThatThrownBy(() -> SpoolWeb.builder(f.spool).token("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters");
    }

    @Test
    void aSessionWritesOnlyWithItsCsrfTokenAndCrossOriginWritesAreRefused() throws Exception {
        f = new WebFixture("csrf", b -> b.token(TOKEN));
        HttpResponse<String> login = f.post("/api/session", "{\"token\": \"" + TOKEN + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String csrf = Http.JSON.readTree(login.body()).get("csrfToken").asText();

        assertThat(send(HttpRequest.newBuilder(f.uri("/api/queues")).header("Cookie", session)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> noCsrf = send(post("/api/jobs", JOB).header("Cookie", session));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("X-CSRF-Token");
        assertThat(send(post("/api/jobs", JOB).header("Cookie", session).header("X-CSRF-Token", "guess")).statusCode())
                .isEqualTo(403);
        assertThat(send(post("/api/jobs", JOB).header("Cookie", session).header("X-CSRF-Token", csrf)).statusCode())
                .isEqualTo(202);

        String self = "http://127.0.0.1:" + f.web.port();
        assertThat(send(post("/api/jobs", JOB).header("Cookie", session).header("X-CSRF-Token", csrf)
                .header("Origin", self)).statusCode()).isEqualTo(202);
        HttpResponse<String> crossOrigin = send(post("/api/jobs", JOB).header("Cookie", session)
                .header("X-CSRF-Token", csrf).header("Origin", "http://evil.example"));
        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        assertThat(crossOrigin.body()).contains("cross-origin write refused");
        assertThat(send(post("/api/queues/default/pause", "").header("Authorization", "Bearer " + TOKEN)
                .header("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        assertThat(f.spool.queue("default").paused()).isFalse();
        assertThat(f.spool.queue("default").counts().queued()).isEqualTo(2);
    }

    @Test
    void withoutATokenABrowserWritesOnlyFromASessionWhileLocalToolsMayWrite() throws Exception {
        f = new WebFixture("notoken", b -> b);
        assertThat(f.post("/api/jobs", JOB).statusCode()).isEqualTo(202); // curl on this machine
        HttpResponse<String> browser = send(post("/api/jobs", JOB).header("Sec-Fetch-Site", "same-origin")
                .header("Sec-Fetch-Mode", "cors"));
        assertThat(browser.statusCode()).isEqualTo(403);
        assertThat(browser.body()).contains("needs a dashboard session");
        assertThat(send(post("/api/jobs", JOB).header("Origin", "http://evil.example")).statusCode()).isEqualTo(403);
        assertThat(f.spool.queue("default").counts().queued()).isEqualTo(1);
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() throws Exception {
        f = new WebFixture("rebinding", b -> b);
        assertThat(raw("GET /api/queues HTTP/1.1\r\nHost: attacker.example:" + f.web.port() + "\r\n\r\n"))
                .startsWith("HTTP/1.1 403").contains("not a loopback name");
        assertThat(raw("GET /api/queues HTTP/1.1\r\nHost: localhost:" + f.web.port() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void readOnlyRefusesEveryWrite() throws Exception {
        f = new WebFixture("readonly", b -> b.readOnly(true));
        HttpResponse<String> r = f.post("/api/jobs", JOB);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("read-only");
        assertThat(f.post("/api/queues/default/pause", null).statusCode()).isEqualTo(403);
        assertThat(f.get("/api/queues").statusCode()).isEqualTo(200);
        assertThat(f.spool.queues()).isEmpty();
    }

    @Test
    void aBodyOf50MegabytesIsRefusedWithoutBeingReadWhole() throws Exception {
        f = new WebFixture("bigbody", b -> b);
        long fifty = 50L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", f.web.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + fifty + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = readAll(socket.getInputStream()); // the answer comes with 64 KiB of 50 MiB sent
            assertThat(answer).startsWith("HTTP/1.1 413").contains("52428800 bytes, over the limit of 1048576 bytes");
        }
        // without a declared length: refused after the limit, the rest never read
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", f.web.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < fifty) {
                        out.write(chunk);
                        sent.addAndGet(0x10000);
                    }
                } catch (IOException closedByServer) {
                    // expected: the server stops reading and closes
                }
            });
            writer.start();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("more than 1048576 bytes");
            socket.close();
            writer.join(10_000);
        }
        assertThat(sent.get()).isLessThan(fifty / 2);
        assertThat(f.spool.queues()).isEmpty();
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", f.web.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    /** The status line, headers and a JSON body (read until the body's closing brace or the end). */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        int depth = 0;
        boolean body = false;
        while ((b = in.read()) >= 0) {
            got.write(b);
            if (b == '{') {
                depth++;
                body = true;
            } else if (b == '}' && --depth == 0 && body) {
                break;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
