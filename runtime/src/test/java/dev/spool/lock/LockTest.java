package dev.spool.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.SpoolLock;
import dev.spool.test.RedisNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Named locks against a real Redis: one holder at a time, increasing tokens, renewal, holder-only release. */
class LockTest {

    private RedisNamespace redis;
    private Spool spool;
    private Spool other;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        other = redis.spool();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private String heldKey(String name) {
        return redis.namespace + ":{" + redis.namespace + ":lock:" + name + "}:held";
    }

    @Test
    void aHeldLockIsRefusedToOthersAndTheNextHoldHasALargerToken() {
        long first;
        try (SpoolLock lock = spool.lock("reports", Duration.ofSeconds(5))) {
            first = lock.token();
            assertThat(lock.isHeld()).isTrue();
            assertThat(other.tryLock("reports", Duration.ofSeconds(5), Duration.ZERO)).isEmpty();
            assertThat(other.tryLock("reports", Duration.ofSeconds(5), Duration.ofMillis(150))).isEmpty();
        }
        try (SpoolLock next = other.tryLock("reports", Duration.ofSeconds(5), Duration.ZERO).orElseThrow()) {
            assertThat(next.token()).isGreaterThan(first);
        }
    }

    @Test
    void aWaitingOwnerGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        SpoolLock held = spool.lock("handover", Duration.ofSeconds(30));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SpoolLock> waiting = pool.submit(() -> other.lock("handover", Duration.ofSeconds(30)));
            assertThat(waiting).isNotDone();
            held.close();
            SpoolLock taken = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(taken.token()).isGreaterThan(held.token());
            assertThat(held.isHeld()).isFalse();
            taken.close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renewalKeepsTheLockPastItsLease() {
        Duration lease = Duration.ofMillis(300);
        try (SpoolLock lock = spool.lock("renewed", lease)) {
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lock.isHeld() && other.tryLock("renewed", lease, Duration.ZERO).isEmpty());
        }
    }

    @Test
    void aHolderWhoseLeaseRanOutCannotReleaseTheNextHoldersLock() {
        SpoolLock stale = spool.lock("stale", Duration.ofSeconds(3));
        redis.jedis.del(heldKey("stale"));      // as if the lease ran out while the holder was paused
        SpoolLock current = other.tryLock("stale", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

        await().atMost(Duration.ofSeconds(5)).until(() -> !stale.isHeld());   // its next renewal finds the lock taken
        stale.close();

        assertThat(current.isHeld()).isTrue();
        assertThat(spool.tryLock("stale", Duration.ofSeconds(1), Duration.ZERO)).isEmpty();
        assertThat(redis.jedis.hget(heldKey("stale"), "token")).isEqualTo(Long.toString(current.token()));
        current.close();
    }

    @Test
    void closingTheClientReleasesItsLocks() {
        Spool leaving = redis.spool();
        SpoolLock lock = leaving.lock("client-bound", Duration.ofMinutes(5));
        leaving.close();
        assertThat(lock.isHeld()).isFalse();
        Optional<SpoolLock> taken = other.tryLock("client-bound", Duration.ofSeconds(5), Duration.ZERO);
        assertThat(taken).isPresent();
        taken.get().close();
    }

    @Test
    void aKeyOfAnotherTypeIsAClearErrorAndStaysAsItWas() {
        redis.jedis.set(heldKey("typed"), "not a lock");
        assertThatThrownBy(() -> spool.tryLock("typed", Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(SpoolException.class).hasMessageContaining("WRONGTYPE").hasMessageContaining(heldKey("typed"));
        assertThat(redis.jedis.get(heldKey("typed"))).isEqualTo("not a lock");
    }

    @Test
    void badNamesAndLeasesAreRefused() {
        assertThatThrownBy(() -> spool.lock("a:b", Duration.ofSeconds(1))).hasMessageContaining("invalid lock name");
        assertThatThrownBy(() -> spool.lock("ok", Duration.ofMillis(1))).hasMessageContaining("at least 10 ms");
    }

    @Test
    void eightThreadsNeverHoldTogetherAndTokensIncreaseInOrderOfHolding() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Spool client = t % 2 == 0 ? spool : other;
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    try (SpoolLock lock = client.lock("contended", Duration.ofSeconds(10))) {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        tokens.add(lock.token());
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(overlaps).hasValue(0);
        assertThat(tokens).hasSize(200).isSorted().doesNotHaveDuplicates();
    }
}
