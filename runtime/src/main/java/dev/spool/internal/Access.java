package dev.spool.internal;

import dev.spool.Spool;
import java.util.function.Function;

/**
 * Lets Spool's own packages (the worker) reach the core of a {@link Spool} client without a public
 * method on the client. {@link Spool} registers the accessor when its class initialises.
 */
public final class Access {

    private static volatile Function<Spool, SpoolCore> accessor;

    private Access() {}

    /** Called once by {@link Spool}'s static initialiser. */
    public static void register(Function<Spool, SpoolCore> spoolAccessor) {
        if (accessor != null) {
            throw new IllegalStateException("already registered");
        }
        accessor = spoolAccessor;
    }

    /** The core of a client. */
    public static SpoolCore core(Spool spool) {
        return accessor.apply(spool);
    }
}
