package dev.spool.processor.validation;

import dev.spool.naming.Names;
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
    ENUM_OWNER(
            "Task/EnumOwner",
            "%s is an enum with @Task instance methods, but a worker cannot create an enum, and its"
                    + " constants are not one instance to call them on. Make the methods static, or"
                    + " declare them in a class."),
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
            "@Task name \"%s\" of %s is invalid: %s. Use " + Names.TASK_NAME_RULE
                    + ", or remove name to use the default %s."),
    INVALID_QUEUE(
            "Task/InvalidQueue",
            "@Task queue \"%s\" of %s is invalid: %s. Use " + Names.QUEUE_RULE + "."),
    NEGATIVE_RETRIES(
            "Task/NegativeRetries",
            "@Task retries of %s is %s; it must be 0 (no retry) or more."),
    INVALID_TIMEOUT(
            "Task/InvalidTimeout",
            "@Task timeout \"%s\" of %s is not a duration. Write " + Names.DURATION_SYNTAX
                    + ", or remove timeout for no limit."),
    INVALID_EXPIRES(
            "Task/InvalidExpires",
            "@Task expires \"%s\" of %s is not a positive duration. Write " + Names.DURATION_SYNTAX
                    + ", or remove expires for no deadline."),
    NON_POSITIVE_TIMEOUT(
            "Task/NonPositiveTimeout",
            "@Task timeout \"%s\" of %s is not positive. Give a positive duration, or remove timeout"
                    + " for no limit."),
    UNIQUE_PERIOD_MISSING(
            "Task/UniquePeriodMissing",
            "@Task unique = FOR_PERIOD of %s needs uniqueFor, the period the key is held (\"10m\")."),
    UNIQUE_PERIOD_UNUSED(
            "Task/UniquePeriodUnused",
            "@Task uniqueFor \"%s\" of %s has no effect with unique = %s. Set unique = FOR_PERIOD, or"
                    + " remove uniqueFor."),
    UNIQUE_PERIOD_INVALID(
            "Task/UniquePeriodInvalid",
            "@Task uniqueFor \"%s\" of %s is not a positive duration. Write " + Names.DURATION_SYNTAX + "."),
    CONCURRENCY_KEY_UNKNOWN(
            "Task/ConcurrencyKeyUnknown",
            "@Task concurrencyKey \"%s\" of %s names no parameter of the method (%s). Name the"
                    + " parameter whose value is the key."),
    CONCURRENCY_KEY_TYPE(
            "Task/ConcurrencyKeyType",
            "@Task concurrencyKey \"%s\" of %s names a parameter of type %s, but a key must be a"
                    + " String, a number, an enum or a UUID. Key by such a parameter (an id), or remove"
                    + " concurrencyKey."),
    MAX_CONCURRENT_INVALID(
            "Task/MaxConcurrentInvalid",
            "@Task maxConcurrent %s of %s is out of range. Allow from 1 to 1000 jobs per key at once."),
    PRIORITY_INVALID(
            "Task/PriorityInvalid",
            "@Task priority %s of %s is out of range. Use a level from -5 (lowest) to 5 (highest); 0 is"
                    + " the default level."),
    MAX_CONCURRENT_WITHOUT_KEY(
            "Task/MaxConcurrentWithoutKey",
            "@Task maxConcurrent %s of %s has no effect without concurrencyKey. Name the parameter to"
                    + " key by, or remove maxConcurrent."),
    PERIODIC_WITH_PARAMETERS(
            "Periodic/Parameters",
            "@Periodic method %s takes %s parameter(s), but every tick runs it with none. Remove the"
                    + " parameters, or schedule the task with fixed arguments at run time with"
                    + " spool.schedules().add(...)."),
    PERIODIC_INVALID_CRON(
            "Periodic/InvalidCron",
            "@Periodic cron \"%s\" of %s does not parse: %s. Write six fields with seconds first"
                    + " (\"0 */5 * * * *\") or the classic five (\"*/5 * * * *\")."),
    PERIODIC_INVALID_ZONE(
            "Periodic/InvalidZone",
            "@Periodic zone \"%s\" of %s is not a known time zone. Use an IANA id such as \"UTC\" or"
                    + " \"Europe/Paris\"."),
    PERIODIC_WITHOUT_TASK(
            "Periodic/WithoutTask",
            "@Periodic method %s has no @Task. Add @Task: a periodic schedule enqueues jobs of a task."),
    GENERATED_NAME_CLASH(
            "Task/GeneratedNameClash",
            "Spool cannot generate %s for %s: %s. Rename the class."),
    WORKFLOW_NOT_IN_INTERFACE(
            "Workflow/NotInInterface",
            "@%s method %s is declared in %s, which is not an interface. Spool implements workflow"
                    + " methods in a generated class, so declare them as abstract methods of an interface."),
    WORKFLOW_NOT_ABSTRACT(
            "Workflow/NotAbstract",
            "@%s method %s is %s, so Spool cannot implement it. Declare it as an abstract interface"
                    + " method: no body, not static, not private."),
    WORKFLOW_GENERIC_METHOD(
            "Workflow/GenericMethod",
            "@%s method %s declares type parameters %s, so its steps' types cannot be checked."
                    + " Remove the type parameters and use concrete types."),
    WORKFLOW_INVALID_INTERFACE(
            "Workflow/InvalidInterface",
            "Spool cannot implement the workflows of %s: %s. %s"),
    WORKFLOW_CHAIN_AND_CHORD(
            "Workflow/ChainAndChord",
            "Workflow method %s has both @Chain and @Chord. Keep one of them."),
    WORKFLOW_UNANNOTATED_METHOD(
            "Workflow/UnannotatedMethod",
            "%s declares workflows, but its abstract method %s has neither @Chain nor @Chord, so the"
                    + " generated %s cannot implement it. Annotate it, give it a body (a default method),"
                    + " or move it to another interface."),
    WORKFLOW_UNKNOWN_TASK(
            "Workflow/UnknownTask",
            "%s of %s refers to task \"%s\", but no task has that name.%s Refer to a task by its"
                    + " @Task name (default SimpleClass.method); a task of another module is found as"
                    + " Class.method with Class in package %s, or as com.example.Class.method."),
    WORKFLOW_AMBIGUOUS_TASK(
            "Workflow/AmbiguousTask",
            "%s of %s refers to task \"%s\", which matches %s. Use the fully qualified form"
                    + " com.example.Class.method, or give one of the tasks another @Task(name = \"...\")."),
    WORKFLOW_MISSING_STUB(
            "Workflow/MissingStub",
            "%s of %s refers to task \"%s\" (%s), but its stub constant %s is not on the class path,"
                    + " so the workflow cannot enqueue it. Compile %s with Spool's annotation processor."),
    WORKFLOW_UNBOUND_PARAMETER(
            "Workflow/UnboundParameter",
            "Parameter '%s' (%s) of task %s, %s of %s, cannot be bound: the workflow method has no"
                    + " parameter named '%s'. %s"),
    WORKFLOW_UNNAMED_PARAMETER(
            "Workflow/UnnamedParameter",
            "Parameter %s (%s) of task %s, %s of %s, cannot be bound: its class was compiled"
                    + " without parameter names, and %s. Compile %s with -parameters (or with debug"
                    + " information, -g), or give the workflow method exactly one parameter of type %s."),
    WORKFLOW_PARAMETER_TYPE(
            "Workflow/ParameterType",
            "Parameter '%s' of task %s, %s of %s, has type %s, but the workflow method's parameter"
                    + " '%s' has type %s. %s"),
    WORKFLOW_UNUSED_PARAMETER(
            "Workflow/UnusedParameter",
            "Parameter '%s' of workflow method %s is used by no step: no step has a parameter of that"
                    + " name. Remove it, or rename it to the task parameter it is meant for."),
    WORKFLOW_RETURN_TYPE(
            "Workflow/ReturnType",
            "Workflow method %s returns %s, but its last step %s gives %s. Declare the method to"
                    + " return %s (or WorkflowJob<...> for a handle to every job)."),
    CHAIN_TOO_SHORT(
            "Chain/TooShort",
            "@Chain of %s has %s, but a chain needs at least two steps. %s"),
    CHAIN_STEP_INPUT(
            "Chain/StepInput",
            "Step %s of %s, task %s, cannot take the result of step %s (%s): %s."),
    WORKFLOW_ON_FAILURE_INPUT(
            "Workflow/OnFailureInput",
            "onFailure handler %s of %s must take the failure as its first parameter, a"
                    + " dev.spool.workflow.WorkflowFailure, but %s. Declare the first parameter as"
                    + " WorkflowFailure; its other parameters bind to the workflow method's parameters by name."),
    WORKFLOW_ON_FAILURE_WORKFLOW(
            "Workflow/OnFailureWorkflow",
            "onFailure \"%s\" of %s names a workflow method (a name starting with #), but an error handler is"
                    + " one task. Name a @Task there, without #; the handler of the outermost workflow also covers"
                    + " the workflows nested in it."),
    WORKFLOW_UNKNOWN_WORKFLOW(
            "Workflow/UnknownWorkflow",
            "%s of %s refers to workflow method \"%s\", but %s declares or inherits no @Chain or @Chord method"
                    + " of that name.%s A name starting with # is a workflow method of the same interface; a task"
                    + " is named without #."),
    WORKFLOW_AMBIGUOUS_WORKFLOW(
            "Workflow/AmbiguousWorkflow",
            "%s of %s refers to workflow method \"%s\", which is overloaded: %s. Rename one of them."),
    WORKFLOW_CYCLE(
            "Workflow/Cycle",
            "%s of %s refers to \"%s\", which closes a cycle of workflow methods: %s. A workflow cannot"
                    + " contain itself; replace one reference with the tasks it should run."),
    WORKFLOW_FED_PARAMETER(
            "Workflow/FedParameter",
            "%s of %s nests %s, where its parameter '%s' is the result of another job, known only when that"
                    + " job has run; but %s takes it as %s. Only the first parameter of the jobs that start %s"
                    + " (a chain's first step, each member, each header job) can receive it: take it there, or"
                    + " bind that parameter to another workflow parameter."),
    WORKFLOW_DYNAMIC_FAN_OUT(
            "Workflow/DynamicFanOut",
            "%s of %s nests %s, whose chord fans out over parameter '%s'; there it is the result of another job,"
                    + " and Spool fans out only over lists known when the workflow starts. Give %s the"
                    + " broadcast form m(T value, List<E> items, ...), whose header jobs take the result first"
                    + " and one element of a list parameter second."),
    WORKFLOW_NESTED_ON_FAILURE(
            "Workflow/NestedOnFailure",
            "%s of %s nests %s, which has its own onFailure handler %s; a workflow runs one handler, the"
                    + " outermost one's, so that one would never run. Move it to %s's annotation, or remove it."),
    CHORD_HEADER_OR_MEMBERS(
            "Chord/HeaderOrMembers",
            "@Chord of %s %s. Give either header (one task fanned out over a list) or members"
                    + " (two or more tasks side by side)."),
    CHORD_TOO_FEW_MEMBERS(
            "Chord/TooFewMembers",
            "@Chord of %s has %s, but a chord with members needs at least two. %s"),
    CHORD_NO_LIST_PARAMETER(
            "Chord/NoListParameter",
            "@Chord header %s of %s is fanned out over the workflow method's first parameter, but %s."
                    + " Make the first parameter a List<%s>."),
    CHORD_HEADER_INPUT(
            "Chord/HeaderInput",
            "@Chord header %s of %s cannot be fanned out over parameter '%s' (%s): %s."),
    CHORD_CALLBACK_INPUT(
            "Chord/CallbackInput",
            "@Chord callback %s of %s must take the header's results as its first parameter, a %s"
                    + " in input order, but %s."),
    CHORD_CALLBACK_INPUTS(
            "Chord/CallbackInputs",
            "@Chord callback %s of %s must take one parameter per member, in member order (%s),"
                    + " then parameters bound by name; but %s."),
    CHORD_VOID_MEMBER(
            "Chord/VoidMember",
            "@Chord %s %s of %s returns void, so it has no result for the callback. Return a value"
                    + " (a count, an id, a status), or run it in a @Chain."),
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
