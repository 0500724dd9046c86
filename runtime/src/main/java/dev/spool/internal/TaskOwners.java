package dev.spool.internal;

import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;

/** Asks a {@link TaskInstanceProvider} for a task owner and checks what it gives. */
public final class TaskOwners {

    private TaskOwners() {}

    /**
     * The provider's instance of {@code type}, or {@code null} if there is no provider or it has none.
     *
     * @throws SpoolException if the provider returns an object that is not a {@code type}
     */
    public static Object provided(TaskInstanceProvider provider, Class<?> type) {
        if (provider == null) {
            return null;
        }
        Object owner = provider.instance(type);
        if (owner != null && !type.isInstance(owner)) {
            throw new SpoolException("the worker cannot start: the TaskInstanceProvider " + provider.getClass().getName()
                    + " returned a " + owner.getClass().getName() + " for the task owner " + type.getName()
                    + "; it must return an instance of " + type.getName() + ", or null for its no-arg constructor");
        }
        return owner;
    }
}
