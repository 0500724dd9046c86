package dev.spool.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The problems found in one class's {@code @Task} methods, each tied to the element, annotation
 * and annotation value it is about, so the compiler points at the offending code. A report with
 * no errors is clean; only a clean report may be turned into a model.
 */
public final class ValidationReport {

    /**
     * One problem.
     *
     * @param message which message
     * @param text the formatted text
     * @param element where the problem is
     * @param annotation the annotation the problem is about, or {@code null}
     * @param value the annotation value the problem is about, or {@code null}
     */
    public record Item(
            Message message, String text, Element element, AnnotationMirror annotation, AnnotationValue value) {

        /** Prints this item at its element, annotation and value. */
        void printTo(Messager messager) {
            if (annotation == null) {
                messager.printMessage(message.kind(), text, element);
            } else if (value == null) {
                messager.printMessage(message.kind(), text, element, annotation);
            } else {
                messager.printMessage(message.kind(), text, element, annotation, value);
            }
        }
    }

    private final List<Item> items = new ArrayList<>();

    /** Adds a problem at an element. */
    public void add(Message message, Element element, Object... arguments) {
        items.add(new Item(message, message.format(arguments), element, null, null));
    }

    /** Adds a problem at an annotation value, e.g. the {@code queue} of a {@code @Task}. */
    public void add(
            Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... arguments) {
        items.add(new Item(message, message.format(arguments), element, annotation, value));
    }

    /** The problems, in the order they were found. */
    public List<Item> items() {
        return List.copyOf(items);
    }

    /** Whether no error was found (warnings do not count). */
    public boolean isClean() {
        return items.stream().noneMatch(item -> item.message().kind() == Diagnostic.Kind.ERROR);
    }

    /** Prints every problem. */
    public void printTo(Messager messager) {
        items.forEach(item -> item.printTo(messager));
    }
}
