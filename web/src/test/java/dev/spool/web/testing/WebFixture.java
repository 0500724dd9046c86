package dev.spool.web.testing;

import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.web.SpoolWeb;
import dev.spool.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A fresh namespace on the local Redis, a client, optionally a worker of {@link ShopTasks}, and a
 * {@link SpoolWeb} on a free loopback port; all closed and the namespace's keys deleted on close.
 */
public final class WebFixture implements AutoCloseable {

    public final String namespace;
    public final Spool spool;
    public final SpoolWeb web;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Worker worker;

    public WebFixture(String label, UnaryOperator<SpoolWeb.Builder> configure) {
        namespace = LocalRedis.freshNamespace(label);
        spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(namespace).poolSize(48).build();
        web = configure.apply(SpoolWeb.builder(spool).port(0).taskTables(List.of(new ShopTasks.Table()))).start();
    }

    /** Starts a worker of the shop's tasks on every queue they use. */
    public Worker startWorker() {
        worker = Worker.builder(spool).taskTables(List.of(new ShopTasks.Table()))
                .queues(List.of("default", "orders", "payments")).concurrency(4)
                .shutdownGrace(Duration.ofSeconds(2)).build().start();
        return worker;
    }

    public URI uri(String path) {
        return URI.create(web.url()).resolve(path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        web.close();
        if (worker != null) {
            worker.close();
        }
        spool.close();
        try (JedisPooled jedis = new JedisPooled(LocalRedis.url())) {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(namespace + ":*").count(1000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            keys.forEach(jedis::del);
        }
    }
}
