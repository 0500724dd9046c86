package dev.spool.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with Spool's processor, the way users' builds do ({@code -Xlint:all}). */
final class Compilations {

    private Compilations() {}

    static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(), sources);
    }

    static Compilation compile(List<String> options, JavaFileObject... sources) {
        return compile(options, List.of(), sources);
    }

    /** Compiles with Spool's processor followed by {@code others}. */
    static Compilation compile(List<String> options, List<Processor> others, JavaFileObject... sources) {
        List<Processor> processors = new ArrayList<>();
        processors.add(new SpoolProcessor());
        processors.addAll(others);
        List<String> allOptions = new ArrayList<>(List.of("-Xlint:all"));
        allOptions.addAll(options);
        List<JavaFileObject> allSources = new ArrayList<>(Arrays.asList(sources));
        workerCommandStub().ifPresent(allSources::add);
        return javac().withProcessors(processors).withOptions(allOptions).compile(allSources);
    }

    /** A source file, {@code com/example/Foo.java}, with these lines. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** A test resource, e.g. {@code golden/input/com/example/photos/Thumbnails.java}. */
    static JavaFileObject resource(String path) {
        return JavaFileObjects.forResource(path);
    }

    static String text(String resourcePath) {
        try {
            return resource(resourcePath).getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The runtime's worker entry point, until the runtime module ships it: generated worker mains
     * call {@code dev.spool.worker.WorkerCommand.run(String...)}.
     */
    private static Optional<JavaFileObject> workerCommandStub() {
        try {
            Class.forName("dev.spool.worker.WorkerCommand");
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of(source("dev.spool.worker.WorkerCommand",
                    "package dev.spool.worker;",
                    "",
                    "/** Test stand-in for the runtime's worker command. */",
                    "public final class WorkerCommand {",
                    "    private WorkerCommand() {}",
                    "",
                    "    /** Does nothing. */",
                    "    public static int run(String... args) {",
                    "        return args.length;",
                    "    }",
                    "}"));
        }
    }
}
