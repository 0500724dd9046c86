package dev.spool.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spool.JobContext;
import dev.spool.Schedule;
import dev.spool.Spool;
import dev.spool.annotations.MissedTicks;
import dev.spool.internal.JobIds;
import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import dev.spool.test.RedisNamespace;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Periodic schedules against a real Redis: ticks fire once across workers, in order; missed ticks follow their policy. */
class ScheduleTest {

    /** Every second, registered by the workers (as the processor generates for {@code @Periodic}). */
    static final TaskDescriptor<String> BEAT = TaskDescriptor.builder("Ticks.beat", TypeRef.of(String.class))
            .queue("ticks").periodic("* * * * * *", "UTC", MissedTicks.FIRE_ONCE).build();
    /** A task with an argument, scheduled through the API. */
    static final TaskDescriptor<String> TAGGED = TaskDescriptor.builder("Ticks.tagged", TypeRef.of(String.class))
            .queue("ticks").param("tag", TypeRef.of(String.class)).build();

    /** Job ids of the runs, in order; a tick's id carries the tick's time. */
    static final List<String> RUNS = new CopyOnWriteArrayList<>();
    static final List<String> TAGS = new CopyOnWriteArrayList<>();

    public static final class Ticks {
        public String beat() {
            String id = JobContext.current().orElseThrow().id();
            RUNS.add(id);
            return id;
        }

        public String tagged(String tag) {
            TAGS.add(tag + "@" + JobContext.current().orElseThrow().id());
            return tag;
        }
    }

    static final class Table implements TaskTable {
        private final boolean withBeat;

        Table(boolean withBeat) {
            this.withBeat = withBeat;
        }

        @Override
        public Class<?> ownerType() {
            return Ticks.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            TaskEntry<?, ?> tagged = TaskEntry.of(TAGGED, Ticks.class, Ticks::new, (o, a) -> o.tagged(a.get(0)));
            return withBeat ? List.of(TaskEntry.of(BEAT, Ticks.class, Ticks::new, (o, a) -> o.beat()), tagged)
                    : List.of(tagged);
        }
    }

    private RedisNamespace redis;
    private Spool spool;

    @BeforeEach
    void setUp(TestInfo info) {
        redis = new RedisNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
        spool = redis.spool();
        RUNS.clear();
        TAGS.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
    }

    private Worker worker(boolean withBeat) {
        return redis.track(Worker.builder(spool).taskTables(List.of(new Table(withBeat))).concurrency(2)
                .shutdownGrace(Duration.ofSeconds(2)).build().start());
    }

    private static List<Long> ticks(List<String> ids) {
        return ids.stream().map(JobIds::createdAtMillis).toList();
    }

    @Test
    void threeWorkersFireEachTickOfAnAnnotatedScheduleOnceAndInOrder() {
        worker(true);
        worker(true);
        worker(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> RUNS.size() >= 5);

        List<Long> ticks = ticks(RUNS.subList(0, 5));
        assertThat(RUNS).doesNotHaveDuplicates();
        assertThat(ticks).isSorted().allSatisfy(t -> assertThat(t % 1000).isZero());
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i) - ticks.get(i - 1)).as("consecutive seconds, none skipped").isEqualTo(1000);
        }
        assertThat(spool.schedules().get("Ticks.beat")).get().extracting(Schedule::queue, Schedule::cron)
                .containsExactly("ticks", "* * * * * *");
    }

    @Test
    void aScheduleAddedAtRunTimeRunsItsTaskWithItsArgumentsAndStopsWhenRemoved() {
        worker(false);
        Schedule added = spool.schedules().add("hello-every-second", TAGGED, "* * * * * *", "Europe/Paris",
                MissedTicks.SKIP, "hello");
        assertThat(added.task()).isEqualTo("Ticks.tagged");
        assertThat(spool.schedules().list()).extracting(Schedule::name).containsExactly("hello-every-second");

        await().atMost(Duration.ofSeconds(10)).until(() -> TAGS.size() >= 2);
        assertThat(TAGS).allSatisfy(t -> assertThat(t).startsWith("hello@"));

        assertThat(spool.schedules().remove("hello-every-second")).isTrue();
        assertThat(spool.schedules().list()).isEmpty();
        assertThat(spool.schedules().remove("hello-every-second")).isFalse();
    }

    @Test
    void missedTicksFireOnceUnderFireOnceAndNotAtAllUnderSkip() {
        spool.schedules().add("catch-up", TAGGED, "* * * * * *", "UTC", MissedTicks.FIRE_ONCE, "catch-up");
        spool.schedules().add("skip", TAGGED, "* * * * * *", "UTC", MissedTicks.SKIP, "skip");
        long stale = (System.currentTimeMillis() / 1000 - 60) * 1000;     // as if no worker ran for a minute
        String ticks = redis.namespace + ":{" + redis.namespace + ":ticks}:ticks";
        redis.jedis.zadd(ticks, stale, "catch-up");
        redis.jedis.zadd(ticks, stale, "skip");

        worker(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> TAGS.stream().filter(t -> t.startsWith("skip@")).count() >= 2
                && TAGS.stream().filter(t -> t.startsWith("catch-up@")).count() >= 3);

        List<Long> catchUp = ticks(TAGS.stream().filter(t -> t.startsWith("catch-up@")).map(t -> t.substring(9)).toList());
        List<Long> skip = ticks(TAGS.stream().filter(t -> t.startsWith("skip@")).map(t -> t.substring(5)).toList());
        assertThat(catchUp.stream().filter(t -> t == stale)).as("one job for the whole missed minute").hasSize(1);
        assertThat(catchUp.stream().filter(t -> t > stale && t < stale + 50_000)).as("no job per missed tick").isEmpty();
        assertThat(skip).as("nothing for the missed minute").allSatisfy(t -> assertThat(t).isGreaterThan(stale + 50_000));
    }

    @Test
    void badCronExpressionsAndZonesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> spool.schedules().add("bad", TAGGED, "61 * * * * *", "UTC", MissedTicks.SKIP, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"61 * * * * *\" does not parse");
        assertThatThrownBy(() -> spool.schedules().add("bad", TAGGED, "* * *", "UTC", MissedTicks.SKIP, "x"))
                .hasMessageContaining("has 3 fields");
        assertThatThrownBy(() -> spool.schedules().add("bad", TAGGED, "* * * * *", "Mars/Olympus", MissedTicks.SKIP, "x"))
                .hasMessageContaining("unknown time zone \"Mars/Olympus\"");
        assertThatThrownBy(() -> spool.schedules().add("bad", TAGGED, "* * * * *", "UTC", MissedTicks.SKIP))
                .hasMessageContaining("argument");
        assertThat(spool.schedules().list()).isEmpty();
    }
}
