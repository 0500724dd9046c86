package dev.spool.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A store outside Redis that fences its writers as a lock's users are told to: it remembers the
 * largest token it has accepted and refuses a write with a smaller one. One line per accepted
 * write, {@code <token> <value>}; writers in several processes serialise on an OS file lock.
 */
final class FencedStore {

    private final Path file;

    FencedStore(Path file) {
        this.file = file;
    }

    /** Appends {@code value} when {@code token} is at least the largest accepted so far; false when refused. */
    boolean write(long token, String value) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (token < largestToken()) {
                return false;
            }
            channel.position(channel.size());
            channel.write(ByteBuffer.wrap((token + " " + value + "\n").getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long largestToken() throws IOException {
        return lines().stream().mapToLong(line -> Long.parseLong(line.substring(0, line.indexOf(' ')))).max().orElse(0);
    }

    List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
