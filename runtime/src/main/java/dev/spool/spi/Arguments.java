package dev.spool.spi;

/**
 * A job's arguments, already decoded to the task's declared parameter types. Generated dispatch
 * code reads them by position; the target type is inferred from the task method's parameter:
 *
 * <pre>{@code
 * (owner, args) -> owner.render(args.get(0), args.get(1))
 * }</pre>
 */
public interface Arguments {

    /** The number of arguments. */
    int size();

    /**
     * The argument at this position, of the declared type of the task's parameter there.
     *
     * @param <T> the declared parameter type; the runtime decoded the value to exactly this type
     */
    <T> T get(int index);
}
