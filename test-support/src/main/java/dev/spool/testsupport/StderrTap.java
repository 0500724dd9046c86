package dev.spool.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Copies what is written to standard error (where slf4j-simple logs) while it is open. */
public final class StderrTap implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public StderrTap() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                    copy.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** The lines written so far that contain {@code text}. */
    public List<String> lines(String text) {
        String all;
        synchronized (copy) {
            all = copy.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(all.split("\n")).filter(line -> line.contains(text)).toList();
    }

    /** Every line written so far. */
    public List<String> lines() {
        return lines("");
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
