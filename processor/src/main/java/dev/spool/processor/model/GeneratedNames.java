package dev.spool.processor.model;

import com.palantir.javapoet.ClassName;
import dev.spool.naming.Names;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The names of generated classes and constants, as {@link Names} defines them. A nested class's
 * simple names are joined with {@code _}, so {@code Outer.Inner} gets {@code Outer_InnerTasks} and
 * {@code Outer_InnerTaskTable}, in the owner's package. Workflow code refers to stubs of other
 * classes (and other modules) by these names, so they must never change.
 */
public final class GeneratedNames {

    private GeneratedNames() {}

    /** The typed stub: {@code ThumbnailsTasks}. */
    public static ClassName stub(ClassName owner) {
        return ClassName.get(owner.packageName(), Names.stubClass(owner.simpleNames()));
    }

    /** The dispatch table: {@code ThumbnailsTaskTable}. */
    public static ClassName table(ClassName owner) {
        return ClassName.get(owner.packageName(), Names.tableClass(owner.simpleNames()));
    }

    /** The implementation of a workflow interface: {@code AlbumsWorkflows}. */
    public static ClassName workflows(ClassName workflowInterface) {
        return ClassName.get(workflowInterface.packageName(), Names.workflowsClass(workflowInterface.simpleNames()));
    }

    /**
     * The names of a stub's {@code TaskDescriptor} constants, one per {@code @Task} method of one
     * class (all of them, in any order): see {@link Names#descriptorConstants}. They depend on the
     * methods' names and parameter types only, never on their order.
     */
    public static List<String> constants(List<ExecutableElement> methods) {
        return Names.descriptorConstants(methods.stream()
                .map(method -> new Names.TaskMethod(method.getSimpleName().toString(),
                        method.getParameters().stream().map(parameter -> erasure(parameter.asType())).toList()))
                .toList());
    }

    /** The canonical name of a type's erasure: {@code java.util.List}, {@code int}, {@code byte[]}. */
    static String erasure(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return erasure(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.DECLARED) {
            return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
        }
        if (type.getKind() == TypeKind.TYPEVAR) {
            return erasure(((TypeVariable) type).getUpperBound());
        }
        if (type.getKind() == TypeKind.INTERSECTION) {
            return erasure(((IntersectionType) type).getBounds().get(0));
        }
        // primitives by kind: toString() would include type annotations
        return type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(Locale.ROOT) : type.toString();
    }
}
