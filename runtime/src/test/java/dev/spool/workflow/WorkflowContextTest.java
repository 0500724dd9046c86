package dev.spool.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.JobContext;
import dev.spool.JobFailedException;
import dev.spool.Spool;
import dev.spool.test.RedisNamespace;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The split context: each member of a chord adds its own entry, the callback and any client read
 * the merged view, no job may write another's entry, and the context expires with the workflow.
 */
class WorkflowContextTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TypeRef<List<Integer>> INTS = TypeRef.parameterized(List.class, TypeRef.of(Integer.class));

    static final TaskDescriptor<Integer> SHARD = TaskDescriptor.builder("Ctx.shard", TypeRef.of(Integer.class))
            .queue("members").param("shard", TypeRef.of(int.class)).build();
    static final TaskDescriptor<Long> TOTAL = TaskDescriptor.builder("Ctx.total", TypeRef.of(Long.class))
            .queue("callbacks").param("shards", INTS).build();
    static final TaskDescriptor<Integer> INTRUDE = TaskDescriptor.builder("Ctx.intrude", TypeRef.of(Integer.class))
            .queue("members").retries(0).param("victim", TypeRef.of(int.class)).build();

    /** The tasks: a shard counts rows and says so in the context; the total adds up the context. */
    public static final class Ctx {
        public int shard(int shard) {
            int rows = 100 + shard;
            WorkflowContext context = JobContext.current().orElseThrow().workflowContext().orElseThrow();
            context.put("shard-" + shard, (long) rows);
            context.put("shard-" + shard, (long) rows); // its own entry: may write it again
            return shard;
        }

        public long total(List<Integer> shards) {
            WorkflowContext context = JobContext.current().orElseThrow().workflowContext().orElseThrow();
            Map<String, Long> rows = context.entries(TypeRef.of(Long.class));
            if (rows.size() != shards.size()) {
                throw new IllegalStateException("saw " + rows.keySet());
            }
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        public int intrude(int victim) {
            JobContext.current().orElseThrow().workflowContext().orElseThrow().put("shard-" + victim, -1L);
            return victim;
        }
    }

    static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Ctx.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(SHARD, Ctx.class, Ctx::new, (o, a) -> o.shard(a.<Integer>get(0))),
                    TaskEntry.of(TOTAL, Ctx.class, Ctx::new, (o, a) -> o.total(a.get(0))),
                    TaskEntry.of(INTRUDE, Ctx.class, Ctx::new, (o, a) -> o.intrude(a.<Integer>get(0))));
        }
    }

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace("wfctx-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        redis.track(Worker.builder(spool).taskTables(List.of(new Table())).queues(List.of("members", "callbacks"))
                .concurrency(4).maintenanceInterval(Duration.ofMillis(100)).build().start());
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    @Test
    void parallelMembersAddTheirOwnEntriesAndTheCallbackReadsThemAll() {
        List<Object[]> shards = java.util.stream.IntStream.range(0, 10).mapToObj(i -> new Object[] {i}).toList();
        WorkflowJob<Long> total = Workflow.chordOver(spool, SHARD, shards).callback(TOTAL).start();

        assertThat(total.await(WAIT)).isEqualTo(10 * 100 + 45);
        WorkflowContext seen = WorkflowContext.of(spool, total.workflowId());
        assertThat(seen.entries(TypeRef.of(Long.class))).hasSize(10).containsEntry("shard-0", 100L).containsEntry("shard-9", 109L);
        assertThat(seen.get("shard-3", Long.class)).contains(103L);
        assertThat(seen.get("shard-42", Long.class)).isEmpty();
        assertThat(seen.owners()).containsEntry("shard-0", total.jobs().get(0).id());
        assertThatThrownBy(() -> seen.put("late", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reads it");

        // expires with the workflow's manifest
        long manifest = redis.jedis.pttl(redis.namespace + ":{" + redis.namespace + "}:workflow:" + total.workflowId());
        long context = redis.jedis.pttl(redis.namespace + ":{" + redis.namespace + "}:workflow:" + total.workflowId() + ":context");
        assertThat(manifest).isPositive();
        assertThat(context).isPositive().isLessThanOrEqualTo(manifest).isGreaterThan(manifest - 60_000);
    }

    @Test
    void aJobCannotOverwriteAnotherJobsEntry() {
        WorkflowJob<Integer> chain = Workflow.chain(spool).first(SHARD, 7).then(INTRUDE).start();

        assertThatThrownBy(() -> chain.await(WAIT)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("belongs to job " + chain.jobs().get(0).id());
        assertThat(WorkflowContext.of(spool, chain.workflowId()).get("shard-7", Long.class)).contains(107L);
    }

    @Test
    void aJobOfNoWorkflowHasNoContext() {
        assertThat(spool.enqueue(SHARD, dev.spool.JobOptions.defaults(), 1).id()).doesNotContain("-");
        // its run fails: workflowContext() is empty outside a workflow
        assertThatThrownBy(() -> spool.enqueue(SHARD, dev.spool.JobOptions.defaults(), 2).await(WAIT))
                .isInstanceOf(JobFailedException.class).hasMessageContaining("NoSuchElementException");
    }
}
