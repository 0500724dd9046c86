package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * The names of generated classes. A nested class's simple names are joined with {@code _}, so
 * {@code Outer.Inner} gets {@code Outer_InnerTasks} and {@code Outer_InnerTaskTable}, in the
 * owner's package.
 */
public final class GeneratedNames {

    private GeneratedNames() {}

    /** The typed stub: {@code ThumbnailsTasks}. */
    public static ClassName stub(ClassName owner) {
        return ClassName.get(owner.packageName(), flat(owner) + "Tasks");
    }

    /** The dispatch table: {@code ThumbnailsTaskTable}. */
    public static ClassName table(ClassName owner) {
        return ClassName.get(owner.packageName(), flat(owner) + "TaskTable");
    }

    private static String flat(ClassName owner) {
        return String.join("_", owner.simpleNames());
    }
}
