package dev.spool.fault;

import dev.spool.JobContext;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The execution ledger, kept outside Redis: one append-only file per process in a directory. Every
 * run of every job appends {@code run <key> <job id> <attempt> <worker> <lease token>} when it
 * starts and {@code end ...} when its task body returns. Each line is one {@code write} on a file
 * opened for appending, so a process killed with -9 leaves whole lines only (the page cache
 * survives the process). A line may carry data after the lease token ({@link #record(String, String,
 * String)}), e.g. a member's result or a callback's inputs; data never contains a space.
 *
 * <p>Task threads are interrupted (timeouts, hand-backs at shutdown, lease expiry) at any moment,
 * also while they write here. The file is therefore a plain {@link FileOutputStream}, whose writes
 * an interrupt does not abort: an interruptible {@code FileChannel} would be closed for every thread
 * by one interrupted writer. Writers take turns on one lock.
 */
public final class Ledger {

    private static final Object LOCK = new Object();
    private static FileOutputStream out;

    private Ledger() {}

    /** Opens this process's ledger file in {@code dir}. */
    public static void open(Path dir, String name) {
        synchronized (LOCK) {
            try {
                Files.createDirectories(dir);
                if (out != null) {
                    out.close();
                }
                out = new FileOutputStream(dir.resolve(name + ".ledger").toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Closes the ledger file of this process. */
    public static void close() {
        synchronized (LOCK) {
            try {
                if (out != null) {
                    out.close();
                }
                out = null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Appends one line about the job the current thread runs. */
    public static void record(String kind, String key) {
        record(kind, key, null);
    }

    /** Appends one line about the job the current thread runs, with data (no spaces) at its end. */
    public static void record(String kind, String key, String data) {
        JobContext job = JobContext.current().orElseThrow(() -> new IllegalStateException("not in a job"));
        if (data != null && (data.isEmpty() || data.contains(" ") || data.contains("\n"))) {
            throw new IllegalArgumentException("ledger data must be non-empty without spaces: " + data);
        }
        append(kind + " " + key + " " + job.id() + " " + job.attempt() + " " + job.workerId() + " " + job.leaseToken()
                + (data == null ? "" : " " + data));
    }

    /** Appends one line, in one write, whether or not the calling thread is interrupted. */
    static void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            if (out == null) {
                throw new IllegalStateException("ledger not open");
            }
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One ledger line; {@code data} is empty when the line has none. */
    public record Entry(String kind, String key, String jobId, int attempt, String worker, String token, String data) {}

    /** Every line of every ledger file in {@code dir}. */
    public static List<Entry> read(Path dir) {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ledger")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ");
                    if (f.length == 6 || f.length == 7) {
                        entries.add(new Entry(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f.length == 7 ? f[6] : ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
