package dev.spool.internal;

import dev.spool.Spool;
import java.util.function.Function;

/**
 * Lets Spool's own packages (the worker) reach the core of a {@link Spool} client without a public
 * method on the client. {@link Spool} registers the accessor when its class initialises.
 */
public final class Access {

    private static volatile Function<Spool, SpoolCore> accessor;
    private static volatile Function<SpoolCore, Spool> creator;

    private Access() {}

    /** Called once by {@link Spool}'s static initialiser. */
    public static void register(Function<Spool, SpoolCore> spoolAccessor, Function<SpoolCore, Spool> spoolCreator) {
        if (accessor != null) {
            throw new IllegalStateException("already registered");
        }
        accessor = spoolAccessor;
        creator = spoolCreator;
    }

    /**
     * A client with no Redis connection whose jobs {@code runner} runs in the calling thread (the
     * inline mode of {@code spool-test}).
     */
    public static Spool inlineSpool(String namespace, InlineRunner runner) {
        if (creator == null) {
            try {
                Class.forName(Spool.class.getName(), true, Spool.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return creator.apply(SpoolCore.inline(namespace, runner));
    }

    /** The core of a client. */
    public static SpoolCore core(Spool spool) {
        return accessor.apply(spool);
    }
}
