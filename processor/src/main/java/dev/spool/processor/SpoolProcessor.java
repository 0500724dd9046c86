package dev.spool.processor;

import com.google.auto.service.AutoService;
import dev.spool.processor.validation.Message;
import dev.spool.processor.validation.TaskIndex;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Spool's annotation processor. It only wires the steps together: each annotation has its own
 * {@link ProcessingStep}, and the {@link WorkerAggregation} writes what the whole compilation
 * shares. It never claims annotations, and never lets an exception escape.
 */
@AutoService(Processor.class)
public final class SpoolProcessor extends AbstractProcessor {

    private List<ProcessingStep> steps = List.of();
    private WorkerAggregation aggregation;
    private TaskIndex index = new TaskIndex();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        ProcessorOptions options = ProcessorOptions.read(environment.getOptions(), environment.getMessager());
        aggregation = new WorkerAggregation(environment, options);
        index = new TaskIndex();
        steps = List.of(new TaskStep(environment, aggregation, index), new WorkflowStep(environment, index));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> annotations = new TreeSet<>();
        steps.forEach(step -> annotations.addAll(step.annotations()));
        return annotations;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.ALL;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            index.newRound();
            boolean worked = false;
            for (ProcessingStep step : steps) {
                worked |= step.process(round);
            }
            if (round.processingOver()) {
                steps.forEach(step -> step.processingOver(round.errorRaised()));
                aggregation.processingOver(round.errorRaised());
            } else {
                boolean deferred = steps.stream().anyMatch(ProcessingStep::hasDeferred);
                aggregation.roundDone(!worked && !deferred);
            }
        } catch (RuntimeException | AssertionError e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.UNEXPECTED_ERROR.format("this round", e, Throwables.stackTrace(e)));
        }
        return false;
    }
}
