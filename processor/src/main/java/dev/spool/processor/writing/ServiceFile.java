package dev.spool.processor.writing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The service file {@code META-INF/services/dev.spool.spi.TaskTable}: one table class per line,
 * sorted, so the same sources always give the same file.
 */
public final class ServiceFile {

    /** Where the file lives in the class output. */
    public static final String PATH = "META-INF/services/dev.spool.spi.TaskTable";

    private ServiceFile() {}

    /** The class names in an existing file, without comments and blank lines. */
    public static SortedSet<String> read(Reader reader) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        BufferedReader lines = new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int comment = line.indexOf('#');
            String name = (comment < 0 ? line : line.substring(0, comment)).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Writes these class names, sorted, one a line. */
    public static void write(Collection<String> names, Writer writer) throws IOException {
        for (String name : new TreeSet<>(names)) {
            writer.write(name);
            writer.write('\n');
        }
    }
}
