package dev.spool.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.RepairReport;
import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.internal.Flows;
import dev.spool.internal.Flows.Target;
import dev.spool.internal.Keys;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.Redis;
import dev.spool.internal.Redis.Call;
import dev.spool.test.RedisNamespace;
import dev.spool.test.ReplyDroppingProxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every script that writes is safe to run twice with the same arguments, as the queue protocol
 * layer does after a lost reply: the second run changes nothing the first did not (lease expiries
 * and the flows sweeper's next checks, which count from Redis' now, aside) and answers truthfully.
 * The last tests lose real replies through a proxy and check what the caller is told.
 */
class ScriptRepeatTest {

    private static final String PAYLOAD = "Calc.record\n0\n\n[\"x\"]";

    private RedisNamespace redis;
    private Spool spool;
    private Redis calls;
    private Broker broker;
    private QueueKeys q;
    /** Between a second client and Redis: the repeats go through it, the first of them losing its reply. */
    private ReplyDroppingProxy proxy;
    private Broker lossy;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        redis = new RedisNamespace("repeat-" + info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        calls = Access.core(spool).redis();
        broker = Access.core(spool).broker();
        q = Access.core(spool).keys().queue("q");
        URI uri = URI.create(redis.url);
        proxy = redis.track(new ReplyDroppingProxy(uri.getHost(), uri.getPort()));
        lossy = viaProxy(proxy);
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Object run(Call call) {
        return calls.eval(call.script(), call.keys(), call.args());
    }

    /**
     * Runs the call, then repeats it through the reply-dropping proxy, whose client loses the
     * repeat's reply and asks a third time (as {@code Broker.run} does after a lost reply); asserts
     * the repeats changed nothing; returns the first reply and the last.
     */
    private List<Object> twice(Call call) {
        Object first = run(call);
        Map<String, Object> after = snapshot();
        int droppedBefore = proxy.dropped();
        proxy.dropReplyTo(call.script().sha());
        Object repeated = lossy.run(call);
        assertThat(proxy.dropped()).as("the repeat of %s lost its reply", call.script()).isEqualTo(droppedBefore + 1);
        assertThat(snapshot()).as("state after repeating %s", call.script()).isEqualTo(after);
        return List.of(first, repeated);
    }

    /** Every key of the namespace with its content; the scores of time-based sets as members only. */
    private Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        for (String key : redis.keys()) {
            Object content = switch (redis.jedis.type(key)) {
                case "string" -> redis.jedis.get(key);
                case "list" -> redis.jedis.lrange(key, 0, -1);
                case "hash" -> new TreeMap<>(redis.jedis.hgetAll(key));
                case "set" -> new java.util.TreeSet<>(redis.jedis.smembers(key));
                case "zset" -> key.endsWith(":active") || key.endsWith(":flows")
                        ? redis.jedis.zrange(key, 0, -1)
                        : redis.jedis.zrangeWithScores(key, 0, -1).toString();
                default -> "?";
            };
            out.put(key, content);
        }
        return out;
    }

    private Broker.Leased enqueueAndLease(String id) {
        run(QueueCalls.enqueue(q, id, PAYLOAD, "0"));
        return broker.fetch(q, 1, 30_000).get(0);
    }

    @Test
    void enqueueTwiceIsOneJobAndTheRepeatIsRecognisedAlsoAfterTheFetch() {
        assertThat(twice(QueueCalls.enqueue(q, "e1", PAYLOAD, "0"))).containsExactly(1L, 3L);
        assertThat(twice(QueueCalls.enqueue(q, "e2", PAYLOAD, "+60000"))).containsExactly(2L, 3L);
        broker.fetch(q, 10, 30_000);
        assertThat(run(QueueCalls.enqueue(q, "e1", PAYLOAD, "0"))).as("repeat after the fetch").isEqualTo(3L);
        assertThat(redis.jedis.llen(q.ready())).isZero();
        assertThat(run(QueueCalls.enqueue(q, "e1", "Calc.record\n0\n\n[\"other\"]", "0"))).as("another job, same id")
                .isEqualTo(-2L);
    }

    @Test
    void aBulkEnqueueTwiceIsOneJobEachAndTheRepeatIsRecognisedAlsoAfterTheFetch() {
        Call bulk = QueueCalls.enqueueJobs(q, "0", List.of("b1", PAYLOAD, "b2", PAYLOAD));
        assertThat(twice(bulk)).containsExactly(List.of(1L, 1L), List.of(3L, 3L));
        assertThat(broker.fetch(q, 10, 30_000)).hasSize(2);
        assertThat(run(bulk)).as("repeat after the fetch").isEqualTo(List.of(3L, 3L));
        assertThat(redis.jedis.llen(q.ready())).isZero();
        assertThat(run(QueueCalls.enqueueJobs(q, "+60000", List.of("b1", "Calc.record\n0\n\n[\"other\"]", "b3", PAYLOAD))))
                .as("another job with a taken id, and a new one").isEqualTo(List.of(-2L, 2L));
    }

    @Test
    void aRepeatedEnqueueAfterTheJobSucceededWithItsResultKeptIsRecognised() {
        Broker.Leased leased = enqueueAndLease("k1");
        broker.complete(q, List.of(new Broker.Completion("k1", leased.token(), "\"done\"")), 60);
        assertThat(run(QueueCalls.enqueue(q, "k1", PAYLOAD, "0"))).isEqualTo(3L);
        assertThat(redis.jedis.llen(q.ready())).isZero();
    }

    @Test
    void aRepeatedFetchReturnsTheSameBatchAndLeasesNothingMore() {
        for (int i = 0; i < 5; i++) {
            run(QueueCalls.enqueue(q, "f" + i, PAYLOAD, "0"));
        }
        Call fetch = QueueCalls.fetch(q, List.of(), 0, 3, 30_000, "w1", 60, "req-1");
        List<Object> replies = twice(fetch);
        assertThat(replies.get(1)).as("the same batch").isEqualTo(replies.get(0));
        assertThat(redis.jedis.zcard(q.active())).isEqualTo(3);
        assertThat(redis.jedis.llen(q.ready())).isEqualTo(2);
        // another request id is another fetch
        assertThat((List<?>) run(QueueCalls.fetch(q, List.of(), 0, 3, 30_000, "w1", 60, "req-2"))).hasSize(1 + 2 * 4);
    }

    @Test
    void completionFailureRenewalAndHandBackTwiceHaveOneEffect() {
        Broker.Leased a = enqueueAndLease("c1");
        assertThat(twice(QueueCalls.complete(q, List.of(new Broker.Completion("c1", a.token(), "\"r\"")), 60)))
                .containsExactly(List.of(1L), List.of(2L));
        Broker.Leased b = enqueueAndLease("c2");
        assertThat(twice(QueueCalls.fetch(q, List.of(new Broker.Completion("c2", b.token(), "\"r\"")), 60, 0,
                30_000, "w", 60, ""))).containsExactly(List.of(1L, 0L), List.of(2L, 0L));
        Broker.Leased c = enqueueAndLease("c3");
        assertThat(twice(QueueCalls.fail(q, new Broker.Failed("c3", c.token(), "{\"c\":\"X\",\"m\":\"m\",\"s\":\"\",\"n\":1}",
                true, 3, 60_000, null), 60))).containsExactly(1L, 1L);
        assertThat(redis.jedis.zcard(q.due())).isEqualTo(1);
        Broker.Leased d = enqueueAndLease("c4");
        assertThat(twice(QueueCalls.renew(q, List.of(new Broker.Lease("c4", d.token())), 30_000)))
                .containsExactly(List.of(1L), List.of(1L));
        twice(QueueCalls.handBack(q, List.of(new Broker.Lease("c4", d.token()))));
        assertThat(redis.jedis.lrange(q.ready(), 0, -1)).containsExactly("c4");
    }

    @Test
    void aLateRenewalKeepsALeaseNobodyTookBackButNotOneTheRecoveryTook() {
        Broker.Leased leased = enqueueAndLease("x1");
        redis.jedis.zadd(q.active(), 1, "x1"); // expired long ago, not taken back yet: nobody else has it
        assertThat(broker.renew(q, List.of(new Broker.Lease("x1", leased.token())), 30_000)).containsExactly(true);
        redis.jedis.zadd(q.active(), 1, "x1");
        broker.recover(q, 100, 5, 60); // now it is taken back
        assertThat(broker.renew(q, List.of(new Broker.Lease("x1", leased.token())), 30_000)).containsExactly(false);
        assertThat(redis.jedis.zscore(q.active(), "x1")).isNull();
    }

    @Test
    void maintenanceAndDeadLetterScriptsTwiceHaveOneEffect() {
        enqueueAndLease("m1");
        redis.jedis.zadd(q.active(), 1, "m1");
        twice(QueueCalls.recover(q, 100, 5, 60));
        assertThat(redis.jedis.lrange(q.ready(), 0, -1)).containsExactly("m1");
        run(QueueCalls.enqueue(q, "m2", PAYLOAD, "+1"));
        redis.jedis.zadd(q.due(), 1, "m2");
        twice(QueueCalls.promote(q, 100));
        assertThat(redis.jedis.lrange(q.ready(), 0, -1)).containsExactlyInAnyOrder("m2", "m1");
        Broker.Leased dead = broker.fetch(q, 1, 30_000).get(0);
        broker.fail(q, new Broker.Failed(dead.id(), dead.token(), "{\"c\":\"X\",\"m\":\"m\",\"s\":\"\",\"n\":1}", false, 0, 0,
                null), 60);
        assertThat(twice(QueueCalls.retryDead(q, dead.id()))).containsExactly(1L, 0L);
        Broker.Leased again = broker.fetch(q, 2, 30_000).stream().filter(l -> l.id().equals(dead.id())).findFirst().orElseThrow();
        broker.fail(q, new Broker.Failed(again.id(), again.token(), "{\"c\":\"X\",\"m\":\"m\",\"s\":\"\",\"n\":1}", false, 0, 0,
                null), 60);
        assertThat(twice(QueueCalls.deleteDead(q, dead.id()))).containsExactly(1L, 0L);
    }

    @Test
    void workflowCreationTwiceIsOneJob() {
        Target target = new Target("q", "w1", 0);
        assertThat(twice(QueueCalls.createWaiting(q, "w1", "Calc.record\n0\n\n", "[]", 1, 's', List.of(), 600)))
                .containsExactly(1L, 3L);
        assertThat(twice(QueueCalls.enqueueFlowJob(q, "m1", "Calc.record\n0\n\nwf:q|w1|0\n[\"x\"]", "0", List.of(target))))
                .containsExactly(1L, 3L);
        List<Call> batch = QueueCalls.enqueueFlowJobs(List.of(
                new Flows.NewJob(q, "m2", "Calc.record\n0\n\nwf:q|w1|0\n[\"y\"]", "0", List.of(target)),
                new Flows.NewJob(q, "m3", "Calc.record\n0\n\nwf:q|w1|0\n[\"z\"]", "0", List.of(target))));
        assertThat(batch).hasSize(1);
        assertThat(twice(batch.get(0))).containsExactly(List.of(1L, 1L), List.of(3L, 3L));
    }

    @Test
    void operatorProgressExpiryAndUniqueScriptsTwiceHaveOneEffect() {
        run(QueueCalls.enqueue(q, "o1", PAYLOAD, "0"));
        assertThat(twice(QueueCalls.cancel(q, "o1", 60, "by a test"))).containsExactly(List.of(1L, "q"), List.of(0L, "x"));
        run(QueueCalls.enqueue(q, "o2", PAYLOAD, "0"));
        assertThat(twice(QueueCalls.purge(q, 100))).containsExactly(1L, 0L);
        redis.jedis.zadd(q.done(), 1, "long-gone");
        assertThat(twice(QueueCalls.trimKept(q, 100))).containsExactly(1L, 0L);
        Broker.Leased p = enqueueAndLease("p1");
        assertThat(twice(QueueCalls.reportProgress(q, List.of(new Broker.Lease("p1", p.token())),
                List.of("0.5\nhalf")))).containsExactly(List.of(1L), List.of(1L));
        Broker.Leased e = enqueueAndLease("e1");
        assertThat(twice(QueueCalls.expire(q, new Broker.Lease("e1", e.token()), 1, 60))).as("expired, also on the repeat")
                .containsExactly(1L, 1L);
        assertThat(twice(QueueCalls.enqueueUnique(q, "k", "u1", PAYLOAD, "0", 'f', 60_000)))
                .containsExactly(List.of(1L, "u1"), List.of(3L, "u1"));
    }

    @Test
    void deliveryAndDependencyScriptsTwiceHaveOneEffect() {
        run(QueueCalls.createWaiting(q, "w1", "Calc.record\n0\n\n", "[]", 1, 's', List.of(), 600));
        Target target = new Target("q", "w1", 0);
        run(QueueCalls.enqueue(q, "p1", PAYLOAD, "0"));
        assertThat(twice(QueueCalls.addFlow(q, "p1", target, 200))).containsExactly(List.of("p"), List.of("p"));
        redis.jedis.zadd(q.flows(), 1, "p1|q|w1|0"); // due for the sweeper
        assertThat(twice(QueueCalls.sweep(q, 100))).as("nothing finished to deliver").containsExactly(List.of(), List.of());
        assertThat(twice(QueueCalls.join(q, List.of(new Flows.Delivery(q, "p1", target, true, "\"r\"")),
                600, 1 << 20))).as("released once").containsExactly(List.of(2L, "", ""), List.of(0L, "", ""));
    }

    @Test
    void scheduleAndLockScriptsTwiceHaveOneEffect() {
        assertThat(twice(ScheduleCalls.put(q, "s", "{\"cron\":\"* * * * *\"}", 1000))).containsExactly(1L, 0L);
        assertThat(twice(ScheduleCalls.fire(q, "s", 1000, 61_000, true, "s-1000", PAYLOAD))).containsExactly(1L, 0L);
        assertThat(twice(ScheduleCalls.remove(q, "s"))).containsExactly(1L, 0L);
        Keys.LockKeys lock = Access.core(spool).keys().lock("l");
        List<Object> taken = twice(LockCalls.acquire(lock, "o1", 10_000));
        assertThat(taken.get(1)).as("the same token to the repeat").isEqualTo(taken.get(0));
        long token = (Long) ((List<?>) taken.get(0)).get(1);
        assertThat(twice(LockCalls.renew(lock, "o1", token, 10_000))).containsExactly(1L, 1L);
        assertThat(twice(LockCalls.release(lock, "o1", token))).containsExactly(1L, 0L);
    }

    @Test
    void aContextEntryWrittenTwiceIsOneEntry() {
        Keys keys = Access.core(spool).keys();
        redis.jedis.setex(keys.workflow("wf"), 600, "{}");
        Call put = new Call(dev.spool.internal.LuaScript.PUT_CONTEXT, List.of(keys.workflow("wf"), keys.workflowContext("wf")),
                List.of("wf-0", "shard-0", "100"));
        assertThat(twice(put)).containsExactly(1L, 1L);
        assertThat(redis.jedis.hgetAll(keys.workflowContext("wf"))).containsExactly(Map.entry("shard-0", "wf-0\n100"));
    }

    @Test
    void repairTwiceRequeuesOnce() {
        run(QueueCalls.enqueue(q, "r1", PAYLOAD, "0"));
        run(QueueCalls.enqueue(q, "r2", PAYLOAD, "0"));
        redis.jedis.del(q.ready()); // as an eviction would
        assertThat(twice(QueueCalls.requeueLost(q, List.of("r1", "r2")))).containsExactly(2L, 0L);
        assertThat(spool.queue("q").repair()).as("nothing left to repair").isEqualTo(new RepairReport("q", 0, 0));
        redis.jedis.lrem(q.ready(), 0, "r1");
        assertThat(spool.queue("q").repair()).isEqualTo(new RepairReport("q", 1, 0));
        assertThat(redis.jedis.lrange(q.ready(), 0, -1)).containsExactlyInAnyOrder("r1", "r2");
        redis.jedis.hdel(q.waiting(), "r2"); // its payload evicted, its queue entry kept
        assertThat(spool.queue("q").repair()).as("counted, not re-queued").isEqualTo(new RepairReport("q", 0, 1));
    }

    // ---- real lost replies ------------------------------------------------------------------------

    private Broker viaProxy(ReplyDroppingProxy proxy) {
        Spool client = redis.track(Spool.builder().redisUrl(proxy.url()).namespace(redis.namespace).build());
        return Access.core(client).broker();
    }

    @Test
    void lostRepliesOfEnqueueFetchCompletionAndRenewalAreAskedAgainWithOneEffect() throws Exception {
        proxy.dropReplyTo("lost-1");
        assertThat(lossy.enqueue(q, "lost-1", PAYLOAD, "0")).isEqualTo(Reply.ALREADY_ENQUEUED);
        assertThat(redis.jedis.llen(q.ready())).isEqualTo(1);

        proxy.dropReplyTo("w-lossy"); // the worker id is in the fetch's arguments
        Broker.Exchange fetched = lossy.completeAndFetch(q, List.of(), 0, 5, 30_000, "w-lossy", 60);
        assertThat(fetched.jobs()).extracting(Broker.Leased::id).containsExactly("lost-1");
        assertThat(redis.jedis.hget(q.job("lost-1"), "n")).as("one attempt, not two").isEqualTo("1");
        String token = fetched.jobs().get(0).token();

        proxy.dropReplyTo("lost-1");
        assertThat(lossy.renew(q, List.of(new Broker.Lease("lost-1", token)), 30_000)).containsExactly(true);

        proxy.dropReplyTo("lost-1");
        assertThat(lossy.complete(q, List.of(new Broker.Completion("lost-1", token, "")), 0))
                .as("a discarded result is read back as recorded").containsExactly(Reply.RECORDED_BEFORE);
        assertThat(proxy.dropped()).isEqualTo(4);
        assertThat(redis.jedis.exists(q.job("lost-1"))).isFalse();
        assertThat(redis.jedis.zcard(q.active())).isZero();
    }
}
