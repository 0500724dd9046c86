package dev.spool.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.localredis.LocalRedis;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import dev.spool.test.tasks.Greeter.Person;
import dev.spool.test.tasks.GreeterTasks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs small test classes through the JUnit engine and checks what the extension did to them. */
class MisuseAndCleanupTest {

    static final AtomicReference<String> NAMESPACE = new AtomicReference<>();
    static final AtomicReference<Long> KEYS_IN_SECOND_TEST = new AtomicReference<>();

    @SpoolTest(inline = true)
    static class SwallowsAnUnknownTask {
        @Test
        void enqueuesATaskNoTableLists(Spool spool) {
            TaskDescriptor<String> missing = TaskDescriptor.builder("Elsewhere.run", TypeRef.of(String.class)).build();
            try {
                spool.enqueue(missing, dev.spool.JobOptions.defaults());
            } catch (RuntimeException swallowed) {
                // code under test that hides the error must not hide it from the test
            }
        }
    }

    @SpoolTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeavesKeys {
        @Test
        @Order(1)
        void enqueues(Spool spool, GreeterTasks greeter) {
            NAMESPACE.set(spool.namespace());
            greeter.greet(new Person("Ann", 1));
            assertThat(NamespaceKeys.count(spool)).isPositive();
        }

        @Test
        @Order(2)
        void startsClean(Spool spool) {
            KEYS_IN_SECOND_TEST.set(NamespaceKeys.count(spool));
        }
    }

    @Test
    void inlineModeFailsATestThatEnqueuesATaskNotOnTheClassPath() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SwallowsAnUnknownTask.class))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(tests.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("task \"Elsewhere.run\" is not on the class path");
    }

    @Test
    void redisModeUsesAnOwnNamespaceAndRemovesItsKeysAfterEachTestAndTheClass() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeavesKeys.class)).execute().testEvents()
                .assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(NAMESPACE.get()).startsWith("spooltest-leaveskeys-");
        assertThat(KEYS_IN_SECOND_TEST.get()).isZero();
        try (Spool spool = Spool.builder().redisUrl(LocalRedis.url()).namespace(NAMESPACE.get()).build()) {
            assertThat(NamespaceKeys.count(spool)).isZero();
        }
    }

    @Test
    void anInlineClientNeedsNoRedis() {
        // no URL, no server: the stubs and workflows run all the same
        Spool spool = Access.inlineSpool("anywhere", InlineDispatch.fromClassPath());
        assertThat(new GreeterTasks(spool).greet(new Person("Ann", 1)).await(Duration.ZERO).text()).isEqualTo("Hello, Ann!");
    }
}
