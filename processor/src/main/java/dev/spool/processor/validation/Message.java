package dev.spool.processor.validation;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every message Spool's processor prints. Each starts with a stable tag such as
 * {@code [Task/PrivateMethod]} that users can search for in {@code docs/processor.md}, and says
 * what is wrong and how to fix it.
 */
public enum Message {
    PRIVATE_METHOD(
            "Task/PrivateMethod",
            "@Task method %s is private, so the generated stub and dispatch table cannot call it."
                    + " Make it package-private, protected or public."),
    ABSTRACT_METHOD(
            "Task/AbstractMethod",
            "@Task method %s is abstract, so a worker has no code to run. Give it a body (a default"
                    + " method in an interface), or put @Task on the method that implements it."),
    GENERIC_METHOD(
            "Task/GenericMethod",
            "@Task method %s declares type parameters %s, so a worker cannot know which types to"
                    + " decode its arguments to. Remove the type parameters and use concrete types."),
    OBJECT_METHOD_CLASH(
            "Task/ObjectMethodClash",
            "@Task method %s would give the generated stub a method that clashes with Object.%s."
                    + " Rename the method."),
    INNER_CLASS(
            "Task/InnerClass",
            "@Task methods cannot be declared in %s, a non-static inner class: a worker cannot create"
                    + " it without an enclosing instance. Make the class static."),
    LOCAL_CLASS(
            "Task/LocalClass",
            "@Task methods cannot be declared in %s class: generated code cannot refer to it. Move the"
                    + " method to a top-level or static nested class."),
    PRIVATE_CLASS(
            "Task/PrivateClass",
            "@Task methods cannot be declared in %s, because %s is private and generated code cannot"
                    + " refer to it. Make it package-private or public."),
    GENERIC_CLASS(
            "Task/GenericClass",
            "@Task methods cannot be declared in generic class %s: a worker cannot know its type"
                    + " arguments. Declare the tasks in a class without type parameters."),
    NOT_INSTANTIABLE(
            "Task/NotInstantiable",
            "%s has @Task instance methods, but a worker cannot create it: it has no non-private"
                    + " no-arg constructor that throws no checked exceptions, and no @Inject"
                    + " constructor. Add a no-arg constructor, or annotate a constructor with @Inject"
                    + " and give the worker a TaskInstanceProvider that supplies the instance."),
    UNSUPPORTED_TYPE(
            "Task/UnsupportedType",
            "%s of @Task method %s has type %s, which Spool cannot carry as JSON: %s."
                    + " See Spool's docs/types.md."),
    INACCESSIBLE_TYPE(
            "Task/InaccessibleType",
            "%s of @Task method %s has type %s, but %s is not visible in package %s, where Spool"
                    + " generates the stub and dispatch table. Make it public, or package-private in"
                    + " that package."),
    MISSING_TYPE(
            "Task/MissingType",
            "%s of @Task method %s has type %s, which cannot be found. If the type may be generated"
                    + " by another annotation processor, make sure that processor runs in this"
                    + " compilation; otherwise add the missing import or dependency."),
    DUPLICATE_NAME(
            "Task/DuplicateName",
            "Task name \"%s\" of %s is already used by %s. Task names must be unique: give one of"
                    + " them another name with @Task(name = \"...\")."),
    INVALID_NAME(
            "Task/InvalidName",
            "@Task name \"%s\" of %s is invalid: %s. Use letters, digits and '_', '.', '$' or '-',"
                    + " or remove name to use the default %s."),
    INVALID_QUEUE(
            "Task/InvalidQueue",
            "@Task queue \"%s\" of %s is invalid: %s. Use 1 to 64 letters, digits, '_', '.' or '-'."),
    NEGATIVE_RETRIES(
            "Task/NegativeRetries",
            "@Task retries of %s is %s; it must be 0 (no retry) or more."),
    INVALID_TIMEOUT(
            "Task/InvalidTimeout",
            "@Task timeout \"%s\" of %s is not a duration. Write a whole number and a unit (\"500ms\","
                    + " \"30s\", \"5m\", \"2h\", \"1d\") or an ISO-8601 duration (\"PT30S\"), or"
                    + " remove timeout for no limit."),
    NON_POSITIVE_TIMEOUT(
            "Task/NonPositiveTimeout",
            "@Task timeout \"%s\" of %s is not positive. Give a positive duration, or remove timeout"
                    + " for no limit."),
    GENERATED_NAME_CLASH(
            "Task/GeneratedNameClash",
            "Spool cannot generate %s for %s: %s. Rename the class."),
    UNEXPECTED_ERROR(
            "Spool/UnexpectedError",
            "Spool's annotation processor failed unexpectedly while processing %s: %s. Please report"
                    + " this with the following stack trace:%n%s"),
    INVALID_OPTION(
            "Spool/InvalidOption",
            "Option -A%s=%s is invalid: %s."),
    UNKNOWN_OPTION(
            "Spool/UnknownOption",
            Diagnostic.Kind.WARNING,
            "Option -A%s is not a Spool option and is ignored. Spool's options are: %s.");

    private final String tag;
    private final Diagnostic.Kind kind;
    private final String template;

    Message(String tag, String template) {
        this(tag, Diagnostic.Kind.ERROR, template);
    }

    Message(String tag, Diagnostic.Kind kind, String template) {
        this.tag = tag;
        this.kind = kind;
        this.template = template;
    }

    /** The stable tag, e.g. {@code Task/PrivateMethod}. */
    public String tag() {
        return tag;
    }

    /** Whether this message is an error or a warning. */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /** The full text: the tag in brackets, then the template filled with {@code arguments}. */
    public String format(Object... arguments) {
        return "[" + tag + "] " + String.format(Locale.ROOT, template, arguments);
    }
}
