package dev.spool.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.Spool;
import dev.spool.SpoolLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code spool.lock} across processes: eight contending processes never hold it together and see
 * strictly increasing tokens; a holder frozen with SIGSTOP past its lease loses the lock, knows it
 * when it wakes, and its late write is refused by a store that checks tokens.
 */
class LockFaultTest {

    private FaultNamespace world;

    @BeforeEach
    void setUp(TestInfo info) {
        world = new FaultNamespace(info.getTestMethod().orElseThrow().getName().toLowerCase());
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private WorkerProcess contender(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0], world.url, world.namespace, world.ledger.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        return world.track(WorkerProcess.main(LockContenderMain.class, world.ledger, all.toArray(String[]::new)));
    }

    private void touch(String name) throws IOException {
        Files.writeString(world.ledger.resolve(name), "");
    }

    @Test
    void eightProcessesTakeTheLockOneThousandTimesNeverTogetherWithIncreasingTokens() throws IOException {
        List<WorkerProcess> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(contender("contend", "125"));
        }
        touch("go");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> processes.stream().allMatch(p -> p.output().contains("DONE")));

        List<String> lines = Files.readAllLines(world.ledger.resolve("holds"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2000);
        long previous = 0;
        for (int i = 0; i < lines.size(); i += 2) {
            String start = lines.get(i);
            String end = lines.get(i + 1);
            assertThat(start).as("line %d", i).startsWith("start ");
            long token = Long.parseLong(start.substring("start ".length()));
            assertThat(end).as("the hold after line %d ends before any other starts", i).isEqualTo("end " + token);
            assertThat(token).as("tokens strictly increase").isGreaterThan(previous);
            previous = token;
        }
    }

    @Test
    void aHolderFrozenPastItsLeaseLosesTheLockAndItsLateWriteIsRefused() throws IOException {
        WorkerProcess holder = contender("hold", "1000");
        touch("go");
        await().atMost(Duration.ofSeconds(20)).until(() -> holder.output().contains("HELD "));
        long frozenToken = Long.parseLong(holder.output().lines().filter(l -> l.startsWith("HELD ")).findFirst()
                .orElseThrow().substring(5).trim());
        holder.freeze();

        Spool spool = world.spool();
        FencedStore store = new FencedStore(world.ledger.resolve("store"));
        try (SpoolLock lock = spool.lock("shared", Duration.ofSeconds(30))) {     // waits out the frozen lease
            assertThat(lock.token()).isGreaterThan(frozenToken);
            assertThat(store.write(lock.token(), "write of the new holder")).isTrue();

            touch("late");
            holder.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> holder.output().contains("WRITE "));
            assertThat(holder.output()).contains("STILL_HELD false").contains("WRITE refused");
            assertThat(lock.isHeld()).as("the woken holder's release does not free the new hold").isTrue();
            assertThat(spool.tryLock("shared", Duration.ofSeconds(1), Duration.ZERO)).isEmpty();
        }
        assertThat(store.lines()).hasSize(1).first().asString().endsWith("write of the new holder");
    }
}
