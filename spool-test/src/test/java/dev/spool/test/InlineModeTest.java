package dev.spool.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.test.tasks.Greeter;
import dev.spool.test.tasks.Greeter.Greeting;
import dev.spool.test.tasks.Greeter.Person;
import dev.spool.test.tasks.GreeterTasks;
import dev.spool.test.tasks.GreetingsWorkflows;
import dev.spool.workflow.Dag;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import dev.spool.workflow.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@SpoolTest(inline = true)
class InlineModeTest {

    @Test
    void aStubRunsTheTaskInTheCallersThreadAndReturnsAFinishedJob(GreeterTasks greeter) {
        Greeter.THREADS.clear();

        Job<Greeting> job = greeter.greet(new Person("Ann", 41));

        assertThat(Greeter.THREADS).containsExactly(Thread.currentThread());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.await(Duration.ZERO)).isEqualTo(new Greeting("Hello, Ann!", 42));
        assertThat(job.queue()).isEqualTo("spooltest-greetings");
        assertThat(job.task()).isEqualTo("Greeter.greet");
    }

    @Test
    void aBatchAndAnAsynchronousEnqueueRunInlineToo(GreeterTasks greeter) throws Exception {
        GreeterTasks.Batch batch = greeter.batch();
        Job<Greeting> first = batch.greet(new Person("Ann", 41));
        Job<Greeting> second = batch.greet(new Person("Bob", 1));
        assertThat(batch.enqueue()).containsExactly(first, second);
        assertThat(first.await(Duration.ZERO)).isEqualTo(new Greeting("Hello, Ann!", 42));
        assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);

        Job<Greeting> later = greeter.greetAsync(new Person("Cy", 2)).get();
        assertThat(later.await(Duration.ZERO)).isEqualTo(new Greeting("Hello, Cy!", 3));
    }

    @Test
    void aTaskThatThrowsIsAFailedJob(GreeterTasks greeter) {
        Job<String> job = greeter.refuse("Bob");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure()).hasValueSatisfying(f -> {
            assertThat(f.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(f.message()).isEqualTo("no greeting for Bob");
        });
        assertThatThrownBy(() -> job.await(Duration.ZERO)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("no greeting for Bob");
    }

    @Test
    void argumentsMakeTheJsonRoundTripOfTheQueue(GreeterTasks greeter) {
        // a null for a record is carried as JSON null; the task then fails as it would on a worker
        Job<Greeting> job = greeter.greet(null);

        assertThat(job.failure()).hasValueSatisfying(f -> assertThat(f.exceptionClass())
                .isEqualTo(NullPointerException.class.getName()));
    }

    @Test
    void aChainRunsStepByStep(GreetingsWorkflows workflows) {
        Job<String> job = workflows.greetLoudly(new Person("Ann", 41), "!!");

        assertThat(job.await(Duration.ZERO)).isEqualTo("HELLO, ANN!!!");
        WorkflowStatus status = ((WorkflowJob<String>) job).workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        assertThat(status.jobs()).extracting(WorkflowStatus.Entry::task).containsExactly("Greeter.greet", "Greeter.shout");
    }

    @Test
    void aChordJoinsItsMembers(GreetingsWorkflows workflows) {
        Job<Integer> job = workflows.greetAll(List.of(new Person("Ann", 1), new Person("Bob", 2), new Person("Cy", 3)));

        assertThat(job.await(Duration.ZERO)).isEqualTo(3);
    }

    @Test
    void aFailedStepFailsTheStepsAfterIt(GreetingsWorkflows workflows) {
        Job<String> job = workflows.refuseLoudly("Bob");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure()).hasValueSatisfying(f -> {
            assertThat(f.exceptionClass()).isEqualTo("dev.spool.WorkflowFailed");
            assertThat(f.message()).contains("Greeter.refuse").contains("no greeting for Bob");
        });
    }

    @Test
    void aDagWhoseFirstJobFeedsSeveralRunsEveryBranch(Spool spool) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Greeting> greeting = dag.job(GreeterTasks.GREET, new Person("Ann", 41));
        Dag.Ref<String> loud = dag.after(List.of(greeting), GreeterTasks.SHOUT, "!");
        Dag.Ref<String> asked = dag.after(List.of(greeting), GreeterTasks.SHOUT, "?");
        Dag.Ref<String> both = dag.after(List.of(loud, asked), GreeterTasks.SHOUT_BOTH);
        WorkflowJob<String> job = dag.start(both);

        assertThat(job.await(Duration.ZERO)).isEqualTo("HELLO, ANN!! HELLO, ANN!?");
        assertThat(job.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status).containsOnly(JobStatus.SUCCEEDED);
    }

    @Test
    void aFailedDagJobFailsEveryJobThatWaitsForIt(Spool spool) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<String> refused = dag.job(GreeterTasks.REFUSE, "Bob");
        Dag.Ref<String> left = dag.after(List.of(refused), GreeterTasks.SHOUT_NAME);
        Dag.Ref<String> right = dag.after(List.of(refused), GreeterTasks.SHOUT_NAME);
        WorkflowJob<String> job = dag.start(dag.after(List.of(left, right), GreeterTasks.SHOUT_BOTH));

        assertThat(job.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status).containsOnly(JobStatus.FAILED);
        assertThat(job.failure()).hasValueSatisfying(f -> assertThat(f.message()).contains("no greeting for Bob"));
    }

    @Test
    void aStepAfterAVoidStepTakesOnlyItsBoundArguments(Spool spool) {
        Greeter.REMEMBERED.clear();
        WorkflowJob<String> job = Workflow.chain(spool).first(GreeterTasks.SHOUT_NAME, "ann").then(GreeterTasks.REMEMBER)
                .then(GreeterTasks.SHOUT_NAME, "bob").start();

        assertThat(job.await(Duration.ZERO)).isEqualTo("BOB");
        assertThat(Greeter.REMEMBERED).containsExactly("ANN");
    }

    @Test
    void whatNeedsRedisSaysSo(Spool spool) {
        assertThatThrownBy(() -> spool.queue("spooltest-greetings").counts()).isInstanceOf(SpoolException.class)
                .hasMessageContaining("inline Spool client has no Redis");
        assertThatThrownBy(() -> spool.lock("reports", Duration.ofSeconds(5))).isInstanceOf(SpoolException.class)
                .hasMessageContaining("inline Spool client has no Redis");
        assertThatThrownBy(() -> spool.tryLock("reports", Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(SpoolException.class).hasMessageContaining("inline Spool client has no Redis");
    }
}
