package dev.spool.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a {@link dev.spool.Spool} client, and the generated stubs and
 * workflow classes built on it, as test method or constructor parameters.
 *
 * <pre>{@code
 * @SpoolTest(inline = true)
 * class CheckoutTest {
 *     @Test
 *     void sendsTheReceipt(MailerTasks mailer) {
 *         assertThat(mailer.send("ann@example.com").await(Duration.ZERO)).isEqualTo("sent");
 *     }
 * }
 * }</pre>
 *
 * <p>By default the client talks to a real Redis (the {@code REDIS_URL} environment variable, else
 * the one on {@code 127.0.0.1:6379}, else an embedded server) in a namespace of the test class's
 * own, whose keys are removed after each test and after the class; with {@link #worker()} a worker
 * for every generated task table on the class path runs during each test. With {@link #inline()}
 * there is no Redis at all: each enqueue runs the task at once, in the calling thread.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SpoolExtension.class)
public @interface SpoolTest {

    /**
     * Runs every job at once in the thread that enqueues it, through the same JSON codec and the
     * generated dispatch table a worker uses, with no Redis (Sidekiq's {@code Testing.inline!},
     * Celery's eager mode). The handle a stub returns has finished: {@code await} returns the
     * result or throws the {@link dev.spool.JobFailedException} at once. Workflows run inline too,
     * step by step. A task that no generated table on the class path lists fails the test.
     */
    boolean inline() default false;

    /**
     * Runs a worker for every generated task table on the class path during each test (Redis mode
     * only); it is drained and closed after the test.
     */
    boolean worker() default false;
}
