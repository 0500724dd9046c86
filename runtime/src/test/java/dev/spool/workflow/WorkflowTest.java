package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Job;
import dev.spool.JobFailedException;
import dev.spool.JobFailure;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.queue.Broker;
import dev.spool.internal.queue.Reply;
import dev.spool.internal.Flows;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.SpoolCore;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import dev.spool.workflow.FlowTasks.Score;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class WorkflowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    static final List<String> QUEUES = List.of("members", "callbacks", "worker1", "worker2", "aggregator", "default");

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("wf-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker(int concurrency, String... queues) {
        return redis.track(Worker.builder(spool).taskTables(List.of(new FlowTasks.Table()))
                .queues(queues.length == 0 ? QUEUES : List.of(queues)).concurrency(concurrency)
                .retryBackoff(Duration.ofMillis(20)).maintenanceInterval(Duration.ofMillis(100))
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    /**
     * Waits until these queues hold nothing to deliver (no flows entry: every outcome was delivered,
     * since an entry is removed only after its delivery) and nothing to run (no job ready, scheduled
     * or leased). A second release of a callback would have run by then.
     */
    private void awaitNothingLeftToDeliverOrRun(String... queues) {
        SpoolCore core = Access.core(spool);
        List<QueueKeys> keys = java.util.Arrays.stream(queues).map(core.keys()::queue).toList();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> keys.stream().allMatch(q ->
                redis.jedis.zcard(q.flows()) == 0 && redis.jedis.llen(q.ready()) == 0 && redis.jedis.hlen(q.waiting()) == 0
                        && redis.jedis.zcard(q.due()) == 0 && redis.jedis.zcard(q.active()) == 0));
    }

    private static long checksum(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (long) i * i * i;
        }
        return sum;
    }

    @Test
    void listChordOf1000MembersCallsItsCallbackExactlyOnceWithResultsInInputOrder() throws Exception {
        for (int w = 0; w < 4; w++) {
            worker(8);
        }
        List<Integer> inputs = IntStream.range(0, 1000).boxed().toList();
        int rounds = Integer.getInteger("spool.chordRounds", 6);
        String prefix = redis.namespace + "-round-";
        for (int round = 0; round < rounds; round++) {
            WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.SQUARE, inputs, x -> new Object[] {x})
                    .callback(FlowTasks.COLLECT, prefix + round).start();
            assertThat(chord.jobs()).hasSize(1001);
            assertThat(chord.await(WAIT)).isEqualTo(checksum(1000));
        }
        awaitNothingLeftToDeliverOrRun("members", "callbacks"); // so a second release would have run by now
        for (int round = 0; round < rounds; round++) {
            assertThat(FlowTasks.COLLECTED_BY_ROUND.get(prefix + round)).as("callback runs of round " + round).hasValue(1);
        }
    }

    @Test
    void chordOfDifferentTasksAcrossQueuesPassesTypedResultsToTheAggregator() {
        worker(2, "worker1");
        worker(2, "worker2");
        worker(1, "aggregator");
        WorkflowJob<String> mean = Workflow.chord(spool)
                .member(FlowTasks.COUNT, "1,2,3,4")
                .member(FlowTasks.SUM, "1,2,3,4")
                .callback(FlowTasks.MEAN, "mean").start();
        assertThat(mean.await(WAIT)).isEqualTo("mean=2.5");
        assertThat(mean.queue()).isEqualTo("aggregator");
        assertThat(mean.jobs()).extracting(Job::queue).containsExactly("worker1", "worker2", "aggregator");
        WorkflowStatus status = mean.workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
        assertThat(status.jobs()).extracting(WorkflowStatus.Entry::role).containsExactly("member 0", "member 1", "callback");
        assertThat(status.counts()).containsEntry(JobStatus.SUCCEEDED, 3);
        assertThat(mean.jobs().get(0).result().orElseThrow()).isEqualTo(4L);
    }

    @Test
    void chainOfThreeTypedStepsPassesResultsThroughGenericsIncluded() {
        WorkflowJob<Score> best = Workflow.chain(spool)
                .first(FlowTasks.SCORE, "a quickest brown fox")
                .then(FlowTasks.INDEX, "w:")
                .then(FlowTasks.BEST, 100).start();
        WorkflowStatus before = best.workflowStatus();
        assertThat(before.jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.QUEUED, JobStatus.WAITING, JobStatus.WAITING);
        assertThat(before.state()).isEqualTo(WorkflowStatus.State.RUNNING);
        assertThat(best.status()).isEqualTo(JobStatus.WAITING);

        worker(2);
        assertThat(best.await(WAIT)).isEqualTo(new Score("quickest", 108));
        @SuppressWarnings("unchecked")
        Job<Map<String, Score>> index = (Job<Map<String, Score>>) best.jobs().get(1);
        Map<String, Score> byName = index.result().orElseThrow();
        assertThat(byName).containsEntry("w:fox", new Score("fox", 3));
        assertThat(byName.get("w:a")).isInstanceOf(Score.class);
        assertThat(best.workflowStatus().state()).isEqualTo(WorkflowStatus.State.SUCCEEDED);
    }

    @Test
    void stepAfterAVoidStepWaitsForItAndTakesOnlyItsBoundArguments() {
        String first = redis.namespace + "-noted";
        String second = redis.namespace + "-tagged";
        WorkflowJob<String> chain = Workflow.chain(spool)
                .first(FlowTasks.NOTE, first)
                .then(FlowTasks.TAG, second).start();
        assertThat(chain.status()).isEqualTo(JobStatus.WAITING);

        worker(2);
        assertThat(chain.await(WAIT)).isEqualTo(second);
        assertThat(FlowTasks.TAGS).containsSubsequence(first, second);
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.NOTE, "x").then(FlowTasks.TAG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument(s) after its input");
    }

    @Test
    void stepTypesAreCheckedWhenTheWorkflowIsBuilt() {
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.SQUARE, 3).then(FlowTasks.INDEX, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 2 Text.index cannot follow Flow.square")
                .hasMessageContaining("java.util.List<dev.spool.workflow.FlowTasks$Score>");
        assertThatThrownBy(() -> Workflow.chain(spool).first(FlowTasks.SCORE, "x").then(FlowTasks.INDEX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument(s) after its input");
        assertThatThrownBy(() -> Workflow.chord(spool).member(FlowTasks.SUM, "1").member(FlowTasks.COUNT, "1")
                .callback(FlowTasks.MEAN, "m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot take the result of member 0 (Stats.sum)");
        assertThatThrownBy(() -> Workflow.chordOver(spool, FlowTasks.COUNT, List.of("1"), d -> new Object[] {d})
                .callback(FlowTasks.COLLECT, "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a java.util.List<java.lang.Long>");
        // boxing is fine: Integer result into an int parameter
        assertThat(Workflow.chain(spool).first(FlowTasks.SQUARE, 2).then(FlowTasks.SQUARE).size()).isEqualTo(2);
        assertThat(redis.keys()).isEmpty(); // nothing was written
    }

    @Test
    void memberThatFailsForGoodFailsTheChordAndTheCallbackNeverRuns() {
        worker(4);
        int before = FlowTasks.COLLECTED.get();
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.FRAGILE, inputs, x -> new Object[] {x})
                .callback(FlowTasks.COLLECT, redis.namespace).failurePolicy(FailurePolicy.LET_FINISH).start();
        String failedMember = chord.jobs().get(13).id();
        assertThatThrownBy(() -> chord.await(WAIT)).isInstanceOfSatisfying(JobFailedException.class, e -> {
            JobFailure failure = e.failure();
            assertThat(failure.exceptionClass()).isEqualTo(Flows.WORKFLOW_FAILED);
            assertThat(failure.message()).contains("job " + failedMember, "task Flow.fragile", "queue members",
                    "after 2 attempt(s)", "java.lang.IllegalStateException: unlucky 13");
            assertThat(failure.stackTrace()).contains("FlowTasks$Flow.fragile");
        });
        assertThat(chord.status()).isEqualTo(JobStatus.FAILED);
        await().atMost(WAIT).until(() -> chord.workflowStatus().counts().getOrDefault(JobStatus.SUCCEEDED, 0) == 19);
        WorkflowStatus status = chord.workflowStatus();
        assertThat(status.state()).isEqualTo(WorkflowStatus.State.FAILED);
        assertThat(status.rootFailure().orElseThrow().jobId()).isEqualTo(failedMember);
        assertThat(status.rootFailure().orElseThrow().failure().orElseThrow().message()).isEqualTo("unlucky 13");
        assertThat(FlowTasks.COLLECTED.get()).isEqualTo(before);
    }

    @Test
    void stepThatFailsForGoodFailsEveryLaterStepOfTheChain() {
        worker(2);
        WorkflowJob<Integer> chain = Workflow.chain(spool).first(FlowTasks.SQUARE, 3)
                .then(FlowTasks.FRAGILE).options(JobOptions.defaults().retries(0))
                .then(FlowTasks.SQUARE).then(FlowTasks.SQUARE).start();
        assertThat(chain.await(WAIT)).isEqualTo(9 * 9 * 9 * 9);

        WorkflowJob<Integer> failing = Workflow.chain(spool).first(FlowTasks.FRAGILE, 13).options(JobOptions.defaults().retries(0))
                .then(FlowTasks.SQUARE).then(FlowTasks.SQUARE).start();
        String first = failing.jobs().get(0).id();
        assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOfSatisfying(JobFailedException.class, e -> {
            assertThat(e.getMessage()).contains(Flows.WORKFLOW_FAILED, "job " + first, "task Flow.fragile", "unlucky 13");
            assertThat(e.jobId()).isEqualTo(failing.id());
        });
        assertThat(failing.workflowStatus().jobs()).extracting(WorkflowStatus.Entry::status)
                .containsExactly(JobStatus.FAILED, JobStatus.FAILED, JobStatus.FAILED);
        assertThat(failing.jobs().get(1).failure().orElseThrow().message()).contains("job " + first);
    }

    @Test
    void dependsOnJobsEnqueuedEarlier() {
        Job<String> a = spool.enqueue(FlowTasks.TAG, JobOptions.defaults(), "a");
        Job<String> b = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().queue("worker1"), "b");
        Job<String> after = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().dependsOn(a, b), "after");
        assertThat(after.status()).isEqualTo(JobStatus.WAITING);
        worker(2);
        assertThat(after.await(WAIT)).isEqualTo("after");
        assertThat(a.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(b.status()).isEqualTo(JobStatus.SUCCEEDED);
        int position = FlowTasks.TAGS.indexOf("after");
        assertThat(FlowTasks.TAGS.subList(0, position)).contains("a", "b");

        // on finished jobs: released at once; on a failed job: fails at once, naming it
        Job<String> again = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().dependsOn(a, after), "again");
        assertThat(again.await(WAIT)).isEqualTo("again");
        Job<Integer> broken = spool.enqueue(FlowTasks.FRAGILE, JobOptions.defaults().retries(0), 13);
        assertThatThrownBy(() -> broken.await(WAIT)).isInstanceOf(JobFailedException.class);
        Job<String> never = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().dependsOn(a, broken), "never");
        assertThatThrownBy(() -> never.await(WAIT)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("job " + broken.id()).hasMessageContaining("unlucky 13");
        assertThat(FlowTasks.TAGS).doesNotContain("never");
    }

    @Test
    void dependsOnARunningJobIsDeliveredByTheSweeper() {
        Job<String> slow = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().queue("manual"), "slow");
        SpoolCore core = Access.core(spool);
        QueueKeys manual = core.keys().queue("manual");
        List<Broker.Leased> leased = core.broker().fetch(manual, 1, 30_000);
        Job<String> after = spool.enqueue(FlowTasks.TAG, JobOptions.defaults(), "after-slow");
        Job<String> dependent = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().dependsOn(slow, after), "dependent");
        worker(2, "default", "manual");
        assertThat(after.await(WAIT)).isEqualTo("after-slow");
        assertThat(dependent.status()).isEqualTo(JobStatus.WAITING);
        core.broker().complete(manual, List.of(new Broker.Completion(slow.id(), leased.get(0).token(), "\"slow\"")), 60);
        assertThat(dependent.await(WAIT)).isEqualTo("dependent");
    }

    @Test
    void outcomesLeftUndeliveredByADeadWorkerAreDeliveredByMaintenanceExactlyOnce() {
        SpoolCore core = Access.core(spool);
        QueueKeys members = core.keys().queue("members");
        int before = FlowTasks.COLLECTED.get();
        String round = redis.namespace + "-redelivery";
        WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.SQUARE, List.of(0, 1, 2, 3), x -> new Object[] {x})
                .callback(FlowTasks.COLLECT, round).start();
        // a worker that completes every member and dies before delivering
        List<Broker.Leased> leased = core.broker().fetch(members, 10, 30_000);
        assertThat(leased).hasSize(4);
        List<Broker.Completion> completions = new ArrayList<>();
        for (Broker.Leased job : leased) {
            int x = Integer.parseInt(job.payload().substring(job.payload().lastIndexOf('[') + 1, job.payload().length() - 1));
            completions.add(new Broker.Completion(job.id(), job.token(), Integer.toString(x * x)));
        }
        assertThat(core.broker().complete(members, completions, 60)).containsOnly(Reply.RECORDED);
        assertThat(chord.status()).isEqualTo(JobStatus.WAITING);
        assertThat(redis.jedis.zcard(members.flows())).isEqualTo(4);

        worker(2, "members", "callbacks");
        assertThat(chord.await(WAIT)).isEqualTo(checksum(4));
        assertThat(redis.jedis.zcard(members.flows())).isZero();
        // delivering everything again changes nothing
        List<Flows.Delivery> again = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            again.add(new Flows.Delivery(members, chord.jobs().get(i).id(),
                    new Flows.Target("callbacks", chord.id(), i), true, "7"));
        }
        Flows.of(core).deliver(again);
        assertThat(chord.await(WAIT)).isEqualTo(checksum(4));
        awaitNothingLeftToDeliverOrRun("members", "callbacks");
        assertThat(FlowTasks.COLLECTED_BY_ROUND.get(round)).hasValue(1);
        assertThat(FlowTasks.COLLECTED.get() - before).isGreaterThanOrEqualTo(1);
    }

    @Test
    void everyKeyAWorkflowCreatedExpiresOnceItFinished() {
        worker(4);
        WorkflowJob<Long> chord = Workflow.chordOver(spool, FlowTasks.SQUARE, List.of(1, 2, 3), x -> new Object[] {x})
                .callback(FlowTasks.COLLECT, redis.namespace).start();
        WorkflowJob<Score> chain = Workflow.chain(spool).first(FlowTasks.SCORE, "x yy").then(FlowTasks.INDEX, "")
                .then(FlowTasks.BEST, 0).start();
        WorkflowJob<Long> failed = Workflow.chordOver(spool, FlowTasks.FRAGILE, List.of(1, 13), x -> new Object[] {x})
                .options(JobOptions.defaults().retries(0)).callback(FlowTasks.COLLECT, "never")
                .failurePolicy(FailurePolicy.LET_FINISH).start();
        Job<String> dependent = spool.enqueue(FlowTasks.TAG, JobOptions.defaults().dependsOn(chain), "dep");
        chord.await(WAIT);
        chain.await(WAIT);
        dependent.await(WAIT);
        assertThatThrownBy(() -> failed.await(WAIT)).isInstanceOf(JobFailedException.class);
        await().atMost(WAIT).until(() -> failed.workflowStatus().counts().getOrDefault(JobStatus.SUCCEEDED, 0) == 1);
        await().atMost(WAIT).until(() -> redis.keys().stream().noneMatch(k -> k.endsWith(":flows")));
        // structural, as are the namespace's queue registry and worker set (the worker still runs)
        List<String> structural = List.of(":ready", ":wait", ":due", ":active", ":dead", ":signal", ":token",
                ":queues", ":workers", ":epoch");
        List<String> keys = redis.keys();
        assertThat(keys).noneMatch(k -> k.contains(":join:"));
        for (String key : keys) {
            if (structural.stream().noneMatch(key::endsWith)) {
                assertThat(redis.jedis.ttl(key)).as("TTL of " + key).isPositive();
            }
        }
    }
}
