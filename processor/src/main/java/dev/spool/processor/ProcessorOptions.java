package dev.spool.processor;

import com.palantir.javapoet.ClassName;
import dev.spool.processor.validation.Message;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Messager;
import javax.lang.model.SourceVersion;

/**
 * Spool's processor options, all named {@code spool.*}, read and validated once. An invalid
 * option is an error; an unknown {@code spool.*} option is a warning (it is probably a typo).
 *
 * @param workerMain the worker main class set by {@code -Aspool.workerMain}, if any
 * @param workerMainValid whether {@code spool.workerMain} is absent or valid
 */
record ProcessorOptions(Optional<ClassName> workerMain, boolean workerMainValid) {

    /** {@code -Aspool.workerMain=com.example.MyWorker}: the worker main class to generate. */
    static final String WORKER_MAIN = "spool.workerMain";

    /** Every option Spool reads. */
    static final Set<String> ALL = Set.of(WORKER_MAIN);

    static ProcessorOptions read(Map<String, String> options, Messager messager) {
        Set<String> unknown = new TreeSet<>();
        for (String key : options.keySet()) {
            if (key.startsWith("spool.") && !ALL.contains(key)) {
                unknown.add(key);
            }
        }
        for (String key : unknown) {
            messager.printMessage(Message.UNKNOWN_OPTION.kind(),
                    Message.UNKNOWN_OPTION.format(key, String.join(", ", new TreeSet<>(ALL))));
        }
        if (!options.containsKey(WORKER_MAIN)) {
            return new ProcessorOptions(Optional.empty(), true);
        }
        String value = options.get(WORKER_MAIN);
        Optional<String> problem = classNameProblem(value);
        if (problem.isPresent()) {
            messager.printMessage(Message.INVALID_OPTION.kind(),
                    Message.INVALID_OPTION.format(WORKER_MAIN, value == null ? "" : value, problem.get()));
            return new ProcessorOptions(Optional.empty(), false);
        }
        int dot = value.lastIndexOf('.');
        String packageName = dot < 0 ? "" : value.substring(0, dot);
        return new ProcessorOptions(Optional.of(ClassName.get(packageName, value.substring(dot + 1))), true);
    }

    private static Optional<String> classNameProblem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("give a fully qualified class name, e.g. -A" + WORKER_MAIN + "=com.example.MyWorker");
        }
        if (!SourceVersion.isName(value)) {
            return Optional.of("it is not a fully qualified Java class name, e.g. com.example.MyWorker");
        }
        return Optional.empty();
    }
}
