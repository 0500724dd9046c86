package dev.spool.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spool.Job;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.TaskInstanceProvider;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.spring.app.Invoices;
import dev.spool.spring.app.InvoicesTasks;
import dev.spool.spring.app.Pricing;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.JedisPooled;

/** The auto-configuration against a real Redis, in a namespace of the test's own. */
class SpoolAutoConfigurationTest {

    static final String NAMESPACE = LocalRedis.freshNamespace("starter");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SpoolAutoConfiguration.class))
            .withBean(Pricing.class, () -> new Pricing(20))
            .withPropertyValues("spool.redis-url=" + LocalRedis.url(), "spool.namespace=" + NAMESPACE);

    @Test
    void aClientFromThePropertiesAndTheStubsAsBeansButNoWorkerUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Spool.class).hasSingleBean(InvoicesTasks.class)
                    .hasSingleBean(TaskInstanceProvider.class).doesNotHaveBean(SpoolWorkerLifecycle.class);
            assertThat(context.getBean(Spool.class).namespace()).isEqualTo(NAMESPACE);
            assertThat(context.getBean(SpoolHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void theEmbeddedWorkerRunsTasksOnInstancesSpringMadeWithTheirDependencies() {
        runner.withPropertyValues("spool.worker.enabled=true", "spool.worker.concurrency=2").run(context -> {
            Job<Long> total = context.getBean(InvoicesTasks.class).total(1000);

            assertThat(total.await(Duration.ofSeconds(10))).isEqualTo(1200L); // Pricing(20) was injected
            SpoolWorkerLifecycle worker = context.getBean(SpoolWorkerLifecycle.class);
            assertThat(worker.worker().concurrency()).isEqualTo(2);
            assertThat(worker.worker().queues()).containsExactly("spring-invoices");
            assertThat(context.getBean(SpoolHealthIndicator.class).health().getDetails()).containsKey("worker");
        });
    }

    @Test
    void closingTheContextLetsARunningJobFinishWithinTheGraceThenStopsTheWorker() throws Exception {
        Invoices.slowStarted = new CountDownLatch(1);
        Job<String>[] slow = new Job[1];
        SpoolWorkerLifecycle[] worker = new SpoolWorkerLifecycle[1];
        runner.withPropertyValues("spool.worker.enabled=true", "spool.worker.shutdown-grace=10s").run(context -> {
            worker[0] = context.getBean(SpoolWorkerLifecycle.class);
            slow[0] = context.getBean(InvoicesTasks.class).slow(700);
            assertThat(Invoices.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        }); // the context closes here, while the job runs

        assertThat(worker[0].isRunning()).isFalse();
        try (Spool spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(NAMESPACE).build()) {
            Job<String> job = spool.job(slow[0].queue(), slow[0].id(), dev.spool.spi.TypeRef.of(String.class));
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.result()).hasValue("finished");
            await().atMost(Duration.ofSeconds(5)).until(() -> spool.workers().isEmpty());
        }
    }

    @Test
    void virtualThreadsAreRefusedOnJava17WithTheReason() {
        assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads; VirtualThreadsTest runs them");
        runner.withPropertyValues("spool.worker.enabled=true", "spool.worker.virtual-threads=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("needs Java 21 or newer")
                    .hasMessageContaining(Runtime.version().toString());
        });
    }

    @Test
    void healthIsDownWhenRedisGoesAway() {
        try (OwnedRedis own = LocalRedis.startOwn()) {
            runner.withPropertyValues("spool.redis-url=" + own.url()).run(context -> {
                SpoolHealthIndicator health = context.getBean(SpoolHealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                own.stop();

                assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            });
        }
    }

    @Test
    void theStarterPublishesConfigurationMetadataForIdes() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata).contains("\"spool.redis-url\"", "\"spool.namespace\"", "\"spool.worker.enabled\"",
                    "\"spool.worker.queues\"", "\"spool.worker.concurrency\"", "\"spool.worker.shutdown-grace\"",
                    "\"spool.worker.virtual-threads\"");
        }
    }

    @AfterAll
    static void removeTheNamespace() {
        try (JedisPooled redis = new JedisPooled(java.net.URI.create(LocalRedis.url()))) {
            for (String key : redis.keys(NAMESPACE + ":*")) {
                redis.del(key);
            }
        }
    }
}
