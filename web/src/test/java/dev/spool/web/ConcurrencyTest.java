package dev.spool.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.web.testing.WebFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many clients at once: none of their jobs is lost or doubled. */
class ConcurrencyTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyTest.class);
    private static final int CLIENTS = 200;
    private static final int JOBS_EACH = 50;

    private WebFixture f;

    @BeforeEach
    void setUp() {
        f = new WebFixture("concurrent", b -> b);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void twoHundredClientsEnqueuingTenThousandJobsLoseNone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> clients = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    go.await();
                    int accepted = 0;
                    for (int i = 0; i < JOBS_EACH; i++) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(f.uri("/api/jobs"))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"Shop.add\", \"args\": ["
                                        + client + ", " + i + "]}")).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            ids.add(Http.JSON.readTree(r.body()).get("id").asText());
                            accepted++;
                        }
                    }
                    return accepted;
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Integer> client : clients) {
                accepted += client.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("{} clients enqueued {} jobs over HTTP in {} s ({} jobs/s)", CLIENTS, accepted,
                    String.format("%.1f", seconds), Math.round(accepted / seconds));
            assertThat(accepted).isEqualTo(CLIENTS * JOBS_EACH);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(CLIENTS * JOBS_EACH);
        assertThat(f.spool.queue("default").counts().queued()).isEqualTo(CLIENTS * JOBS_EACH);
    }
}
