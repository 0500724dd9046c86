package dev.spool.spring;

import dev.spool.Spool;
import dev.spool.naming.Names;
import dev.spool.spi.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes Spool's annotation processor generated: the typed stub of every task class
 * whose dispatch table {@link ServiceLoader} lists, and the workflow classes ({@code *Workflows})
 * in the application's own packages (the packages of {@code @SpringBootApplication}).
 */
final class GeneratedClasses {

    private GeneratedClasses() {}

    /** The stubs of the task classes on the class path, by class name. */
    static List<Class<?>> stubs(ClassLoader loader) {
        TreeMap<String, Class<?>> stubs = new TreeMap<>();
        for (TaskTable table : ServiceLoader.load(TaskTable.class, loader)) {
            Class<?> owner = table.ownerType();
            String name = owner.getPackageName().isEmpty() ? "" : owner.getPackageName() + ".";
            name += Names.stubClass(simpleNames(owner));
            Class<?> stub = load(name, loader);
            if (stub != null && takesSpool(stub)) {
                stubs.put(name, stub);
            }
        }
        return new ArrayList<>(stubs.values());
    }

    /** The generated workflow classes in these packages. */
    static List<Class<?>> workflows(List<String> packages, ClassLoader loader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Workflows")));
        TreeMap<String, Class<?>> found = new TreeMap<>();
        for (String pkg : packages) {
            scanner.findCandidateComponents(pkg).forEach(definition -> {
                Class<?> type = load(definition.getBeanClassName(), loader);
                if (type != null && takesSpool(type) && implementsItsWorkflowInterface(type)) {
                    found.put(type.getName(), type);
                }
            });
        }
        return new ArrayList<>(found.values());
    }

    private static boolean implementsItsWorkflowInterface(Class<?> type) {
        for (Class<?> api : type.getInterfaces()) {
            if (api.getPackageName().equals(type.getPackageName())
                    && Names.workflowsClass(simpleNames(api)).equals(type.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> simpleNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            names.add(0, c.getSimpleName());
        }
        return names;
    }

    private static boolean takesSpool(Class<?> type) {
        try {
            type.getConstructor(Spool.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return ClassUtils.forName(name, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
