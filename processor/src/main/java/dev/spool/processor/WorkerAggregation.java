package dev.spool.processor;

import com.palantir.javapoet.ClassName;
import dev.spool.processor.model.TaskClassModel;
import dev.spool.processor.validation.Message;
import dev.spool.processor.writing.Generation;
import dev.spool.processor.writing.ServiceFile;
import dev.spool.processor.writing.WorkerMainWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * What the whole compilation shares: the service file that lists every task table, and the worker
 * main class. Both originate from every task class, so the processor is aggregating.
 *
 * <p>The main class is written in the first round with no new task classes (a Java source written
 * in the last round would not be compiled without a warning); the service file, a resource, when
 * processing is over, merged with an existing file as AutoService does.
 */
final class WorkerAggregation {

    private static final String DEFAULT_MAIN = "SpoolWorkerMain";

    private final ProcessingEnvironment environment;
    private final ProcessorOptions options;
    private final WorkerMainWriter mainWriter;
    /** Task class (qualified name) to its table (qualified name), sorted by task class. */
    private final SortedMap<String, String> tables = new TreeMap<>();
    private boolean mainWritten;

    WorkerAggregation(ProcessingEnvironment environment, ProcessorOptions options) {
        this.environment = environment;
        this.options = options;
        this.mainWriter = new WorkerMainWriter(new Generation(environment.getElementUtils()));
    }

    void add(TypeElement owner, TaskClassModel model) {
        tables.put(owner.getQualifiedName().toString(), model.table().canonicalName());
    }

    /** Called at the end of every round but the last; {@code quiet} if it brought nothing new. */
    void roundDone(boolean quiet) {
        if (quiet) {
            writeMain();
        }
    }

    /**
     * Writes the service file, and the main class if no round was quiet. That happens only when
     * processing stopped early: after errors (then no main is needed) or with deferred types.
     */
    void processingOver(boolean errorRaised) {
        if (!errorRaised) {
            writeMain();
        }
        writeServiceFile();
    }

    private void writeMain() {
        if (mainWritten || tables.isEmpty() || !options.workerMainValid()) {
            return;
        }
        mainWritten = true;
        ClassName main = options.workerMain().orElseGet(() -> ClassName.get(defaultPackage(), DEFAULT_MAIN));
        try {
            JavaFileObject source =
                    environment.getFiler().createSourceFile(main.canonicalName(), originatingElements());
            try (Writer writer = source.openWriter()) {
                mainWriter.write(main).writeTo(writer);
            }
        } catch (FilerException e) {
            error(Message.GENERATED_NAME_CLASH.format(main.canonicalName(), "the worker main class", e.getMessage()
                    + "; choose another name with -A" + ProcessorOptions.WORKER_MAIN));
        } catch (IOException e) {
            error(Message.UNEXPECTED_ERROR.format(main.canonicalName(), e, Throwables.stackTrace(e)));
        }
    }

    /**
     * The longest package that contains every task class; if they share none, the package of the
     * first task class in sorted order.
     */
    private String defaultPackage() {
        List<String> packages = tables.keySet().stream()
                .map(owner -> environment.getElementUtils().getTypeElement(owner))
                .filter(Objects::nonNull)
                .map(owner -> environment.getElementUtils().getPackageOf(owner).getQualifiedName().toString())
                .toList();
        if (packages.isEmpty()) {
            return "";
        }
        List<String> common = new ArrayList<>(Arrays.asList(packages.get(0).split("\\.")));
        for (String pkg : packages) {
            List<String> segments = Arrays.asList(pkg.split("\\."));
            int same = 0;
            while (same < common.size() && same < segments.size() && common.get(same).equals(segments.get(same))) {
                same++;
            }
            common.subList(same, common.size()).clear();
        }
        String shared = String.join(".", common);
        return shared.isEmpty() ? packages.get(0) : shared;
    }

    private void writeServiceFile() {
        if (tables.isEmpty()) {
            return;
        }
        SortedSet<String> names = new TreeSet<>(tables.values());
        try {
            FileObject existing =
                    environment.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", ServiceFile.PATH);
            try (Reader reader = existing.openReader(true)) {
                names.addAll(ServiceFile.read(reader));
            }
        } catch (IOException | IllegalArgumentException e) {
            // No earlier file: this compilation's tables are all there is.
        }
        try {
            FileObject file = environment.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", ServiceFile.PATH, originatingElements());
            try (Writer writer = file.openWriter()) {
                ServiceFile.write(names, writer);
            }
        } catch (IOException e) {
            error(Message.UNEXPECTED_ERROR.format(ServiceFile.PATH, e, Throwables.stackTrace(e)));
        }
    }

    private Element[] originatingElements() {
        return tables.keySet().stream()
                .map(owner -> environment.getElementUtils().getTypeElement(owner))
                .filter(Objects::nonNull)
                .toArray(Element[]::new);
    }

    private void error(String message) {
        environment.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
    }
}
