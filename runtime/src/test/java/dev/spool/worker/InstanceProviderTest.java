package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.JobOptions;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task classes that come from a dependency-injection container, as the README shows. */
class InstanceProviderTest {

    /** A task class with no no-arg constructor: it needs its greeting injected. */
    public static final class Greeter {
        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        String greet(String name) {
            return greeting + ", " + name;
        }
    }

    /** A container with the usual generic lookup, {@code <T> T getBean(Class<T>)}. */
    static final class Context {
        private final Map<Class<?>, Object> beans;

        Context(Map<Class<?>, Object> beans) {
            this.beans = beans;
        }

        <T> T getBean(Class<T> type) {
            return type.cast(beans.get(type));
        }
    }

    static final TaskDescriptor<String> GREET = TaskDescriptor.builder("Greeter.greet", TypeRef.of(String.class))
            .param("name", TypeRef.of(String.class)).build();

    /** What the processor generates for a class with an {@code @Inject} constructor: no constructor call. */
    static final class GreeterTable implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Greeter.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(TaskEntry.<Greeter, String>of(GREET, Greeter.class, null,
                    (owner, args) -> owner.greet(args.get(0))));
        }
    }

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp() {
        redis = new RedisNamespace("provider");
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker.Builder builder() {
        return Worker.builder(spool).taskTables(List.of(new GreeterTable())).concurrency(1)
                .shutdownGrace(Duration.ofSeconds(2));
    }

    @Test
    void theReadmeLambdaSuppliesTheInstance() {
        Context context = new Context(Map.of(Greeter.class, new Greeter("Hello")));
        Worker worker = redis.track(builder().instanceProvider(type -> context.getBean(type)).build().start());
        assertThat(worker.tasks()).containsExactly("Greeter.greet");
        assertThat(spool.enqueue(GREET, JobOptions.defaults(), "Ada").await(Duration.ofSeconds(10)))
                .isEqualTo("Hello, Ada");
    }

    @Test
    void withoutAnInstanceTheWorkerDoesNotStart() {
        assertThatThrownBy(() -> builder().build()).isInstanceOf(SpoolException.class)
                .hasMessageContaining("no instance for the task owner(s) " + Greeter.class.getName());
        assertThatThrownBy(() -> builder().instanceProvider(type -> null).build())
                .isInstanceOf(SpoolException.class).hasMessageContaining(Greeter.class.getName());
    }

    @Test
    void anInstanceOfTheWrongClassIsRefusedAtBuild() {
        assertThatThrownBy(() -> builder().instanceProvider(type -> "not a greeter").build())
                .isInstanceOf(SpoolException.class)
                .hasMessageContaining("returned a java.lang.String for the task owner " + Greeter.class.getName());
    }
}
