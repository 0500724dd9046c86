package dev.spool.fault;

import dev.spool.Spool;
import dev.spool.SpoolLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A process that uses {@code spool.lock} as an application would, for {@link LockFaultTest}. Prints
 * {@code READY <pid>}, waits for the file {@code <dir>/go}, then:
 * <ul>
 *   <li>{@code contend <url> <namespace> <dir> <n>}: takes the lock {@code shared} n times; inside each
 *       hold appends {@code start <token>} and {@code end <token>} to {@code <dir>/holds} (O_APPEND).</li>
 *   <li>{@code hold <url> <namespace> <dir> <leaseMs>}: takes the lock, prints {@code HELD <token>},
 *       waits for {@code <dir>/late}, then prints {@code STILL_HELD <isHeld>} and tries to write to
 *       the {@link FencedStore} {@code <dir>/store}: {@code WRITE accepted} or {@code WRITE refused}.</li>
 * </ul>
 */
public final class LockContenderMain {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[3]);
        try (Spool spool = Spool.builder().redisUrl(args[1]).namespace(args[2]).timeout(Duration.ofSeconds(5)).build()) {
            say("READY " + ProcessHandle.current().pid());
            awaitFile(dir.resolve("go"));
            if (mode.equals("contend")) {
                contend(spool, dir.resolve("holds"), Integer.parseInt(args[4]));
            } else {
                hold(spool, dir, Long.parseLong(args[4]));
            }
        }
    }

    private static void contend(Spool spool, Path holds, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            try (SpoolLock lock = spool.lock("shared", Duration.ofSeconds(10))) {
                append(holds, "start " + lock.token());
                append(holds, "end " + lock.token());
            }
        }
        say("DONE");
    }

    private static void hold(Spool spool, Path dir, long leaseMillis) throws IOException, InterruptedException {
        SpoolLock lock = spool.lock("shared", Duration.ofMillis(leaseMillis));
        say("HELD " + lock.token());
        awaitFile(dir.resolve("late"));
        say("STILL_HELD " + lock.isHeld());
        boolean accepted = new FencedStore(dir.resolve("store")).write(lock.token(), "late write of process "
                + ProcessHandle.current().pid());
        say("WRITE " + (accepted ? "accepted" : "refused"));
        lock.close();
    }

    /** One write(2) per line with O_APPEND, so lines of several processes never interleave. */
    private static void append(Path file, String line) throws IOException {
        Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(5);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
