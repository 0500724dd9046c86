package dev.spool.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Finds {@code @Task} methods in local and anonymous classes. The annotation processing API never
 * shows those classes to a processor, so without this check such a method would be silently
 * ignored. It reads javac's syntax trees; where they are not available (another compiler, or a
 * build tool that wraps the processing environment) the check is skipped.
 */
public final class LocalClassTasks {

    private static final String PACKAGE = "dev.spool.annotations";

    private final Trees trees;

    private LocalClassTasks(Trees trees) {
        this.trees = trees;
    }

    /** A checker, if javac's syntax trees are available. */
    public static Optional<LocalClassTasks> create(ProcessingEnvironment environment) {
        try {
            return Optional.of(new LocalClassTasks(Trees.instance(environment)));
        } catch (IllegalArgumentException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Reports an error at every {@code @Task} in a local or anonymous class of this round's sources. */
    public void check(RoundEnvironment round) {
        Set<CompilationUnitTree> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element root : round.getRootElements()) {
            if (!(root instanceof TypeElement)) {
                continue;
            }
            TreePath path = trees.getPath(root);
            if (path != null && seen.add(path.getCompilationUnit())) {
                new Scanner(path.getCompilationUnit()).scan(path.getCompilationUnit(), null);
            }
        }
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitMethod(MethodTree method, Void unused) {
            for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
                if (isTask(annotation.getAnnotationType())) {
                    localKind(getCurrentPath()).ifPresent(kind -> trees.printMessage(
                            Diagnostic.Kind.ERROR, Message.LOCAL_CLASS.format(kind), annotation, unit));
                }
            }
            return super.visitMethod(method, unused);
        }

        /** "a local" or "an anonymous" if the method is inside a class declared in code. */
        private Optional<String> localKind(TreePath method) {
            Tree innermostClass = null;
            Tree parentOfInnermostClass = null;
            for (TreePath path = method.getParentPath(); path != null; path = path.getParentPath()) {
                Tree leaf = path.getLeaf();
                if (innermostClass == null && leaf instanceof ClassTree) {
                    innermostClass = leaf;
                    parentOfInnermostClass = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
                }
                if (leaf instanceof BlockTree || leaf instanceof NewClassTree || leaf instanceof LambdaExpressionTree) {
                    return Optional.of(parentOfInnermostClass instanceof NewClassTree ? "an anonymous" : "a local");
                }
            }
            return Optional.empty();
        }

        private boolean isTask(Tree type) {
            String name = type.toString();
            if (name.equals(PACKAGE + ".Task")) {
                return true;
            }
            if (!name.equals("Task")) {
                return false;
            }
            if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
                return true;
            }
            for (ImportTree imported : unit.getImports()) {
                String importName = imported.getQualifiedIdentifier().toString();
                boolean importsTask = importName.equals(PACKAGE + ".Task") || importName.equals(PACKAGE + ".*");
                if (!imported.isStatic() && importsTask) {
                    return true;
                }
            }
            return false;
        }
    }
}
