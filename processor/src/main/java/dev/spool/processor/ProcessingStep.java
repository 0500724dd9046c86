package dev.spool.processor;

import java.util.Set;
import javax.annotation.processing.RoundEnvironment;

/**
 * The processing of one kind of annotation: {@link TaskStep} for {@code @Task}, {@link WorkflowStep}
 * for {@code @Chain} and {@code @Chord}.
 * A step keeps the names of the types it cannot finish yet and tries them again next round.
 */
interface ProcessingStep {

    /** The qualified names of the annotations this step handles. */
    Set<String> annotations();

    /**
     * Processes this round's annotated elements and those deferred from earlier rounds.
     *
     * @return whether anything was processed (generated or reported) in this round
     */
    boolean process(RoundEnvironment round);

    /** Whether some types wait for a later round. */
    boolean hasDeferred();

    /**
     * Reports whatever is still deferred when processing ends. After other errors, javac runs no
     * further rounds, so a deferred type may simply not have had its chance; then nothing is
     * reported, and javac reports the types that are really missing itself.
     */
    void processingOver(boolean errorRaised);
}
