package dev.spool.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Job;
import dev.spool.Spool;
import dev.spool.test.tasks.Greeter.Greeting;
import dev.spool.test.tasks.Greeter.Person;
import dev.spool.test.tasks.GreeterTasks;
import dev.spool.test.tasks.GreetingsWorkflows;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SpoolTest(worker = true)
class RedisModeTest {

    @Test
    void aWorkerRunsTheJobsOfTheTestsOwnNamespace(Spool spool, GreeterTasks greeter) {
        assertThat(spool.namespace()).startsWith("spooltest-redismodetest-");

        Job<Greeting> job = greeter.greet(new Person("Ann", 41));

        assertThat(job.await(Duration.ofSeconds(10))).isEqualTo(new Greeting("Hello, Ann!", 42));
        assertThat(spool.queues()).extracting(q -> q.queue()).contains("spooltest-greetings");
    }

    @Test
    void workflowsRunOnTheWorker(GreetingsWorkflows workflows) {
        assertThat(workflows.greetLoudly(new Person("Bob", 1), "?").await(Duration.ofSeconds(10))).isEqualTo("HELLO, BOB!?");
    }
}
