package dev.spool.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Spool;
import dev.spool.localredis.LocalRedis;
import dev.spool.spring.SpoolWorkerLifecycle;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

/** Starts the sample application against a real Redis, in a namespace of its own. */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleApplicationTest {

    static final String NAMESPACE = LocalRedis.freshNamespace("spring-sample");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        properties.add("spool.redis-url", LocalRedis::url);
        properties.add("spool.namespace", () -> NAMESPACE);
    }

    @Autowired Signups signups;
    @Autowired OnboardingWorkflows onboarding;
    @Autowired Spool spool;
    @Autowired SpoolWorkerLifecycle worker;
    @Autowired Map<String, HealthIndicator> health;

    @Test
    void theEmbeddedWorkerRunsTasksOnTheSpringBeanWithItsDependencies() {
        // Salutations is a Spring bean injected into Welcomes: a no-arg instance could not greet
        assertThat(signups.signUp("Ann").await(Duration.ofSeconds(10))).isEqualTo("Welcome, Ann!");
        assertThat(spool.namespace()).isEqualTo(NAMESPACE);
    }

    @Test
    void workflowClassesAreBeans() {
        assertThat(onboarding.welcomeLoudly("Bob").await(Duration.ofSeconds(10))).isEqualTo("WELCOME, BOB!");
    }

    @Test
    void theWorkerTakesItsSettingsFromTheProperties() {
        assertThat(worker.isRunning()).isTrue();
        assertThat(worker.worker().concurrency()).isEqualTo(4);
        assertThat(worker.worker().queues()).containsExactly("spring-sample");
    }

    @Test
    void healthReportsRedisAndTheWorker() {
        var spoolHealth = health.get("spoolHealthIndicator").health();
        assertThat(spoolHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(spoolHealth.getDetails()).containsEntry("namespace", NAMESPACE).containsKey("worker");
    }

    @AfterAll
    void removeTheNamespace() {
        worker.stop(); // as the context's close would: drained, heartbeat removed, nothing written after
        assertThat(worker.isRunning()).isFalse();
        try (JedisPooled redis = new JedisPooled(java.net.URI.create(LocalRedis.url()))) {
            for (String key : redis.keys(NAMESPACE + ":*")) {
                redis.del(key);
            }
            assertThat(redis.keys(NAMESPACE + ":*")).isEmpty();
        }
    }
}
