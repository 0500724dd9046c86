package dev.spool.test;

import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.localredis.LocalRedis;
import dev.spool.worker.Worker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link SpoolTest}: one client per test class, injected with the stubs
 * made from it; in Redis mode its namespace's keys are removed after each test and after the class,
 * in inline mode a task that is not on the class path fails the test even if the code under test
 * swallowed the exception.
 */
public final class SpoolExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(SpoolExtension.class);

    /** What one test class uses. */
    private record State(Spool spool, InlineDispatch inline) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                if (inline == null) {
                    NamespaceKeys.remove(spool);
                }
            } finally {
                spool.close();
            }
        }
    }

    /** A worker of one test. */
    private record RunningWorker(Worker worker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            worker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Spool.class || stubConstructor(type) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Spool spool = state(context).spool();
        Class<?> type = parameter.getParameter().getType();
        if (type == Spool.class) {
            return spool;
        }
        try {
            return stubConstructor(type).newInstance(spool);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ParameterResolutionException("cannot create " + type.getName() + " from the test's Spool client", e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        State state = state(context);
        if (settings(context).worker()) {
            if (state.inline() != null) {
                throw new IllegalStateException("@SpoolTest(inline = true, worker = true): inline mode runs every job"
                        + " at once and has no Redis for a worker; choose one of the two");
            }
            context.getStore(STORE).put(RunningWorker.class, new RunningWorker(Worker.builder(state.spool()).build().start()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RunningWorker worker = context.getStore(STORE).remove(RunningWorker.class, RunningWorker.class);
        if (worker != null) {
            worker.close();
        }
        State state = state(context);
        if (state.inline() == null) {
            NamespaceKeys.remove(state.spool());
        } else if (state.inline().misuse() != null) {
            String misuse = state.inline().misuse();
            state.inline().clearMisuse();
            throw new AssertionError(misuse);
        }
    }

    /** The class's client; the class's store closes it after the class, removing its keys first. */
    private static State state(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        return owner.getStore(STORE).getOrComputeIfAbsent(State.class, k -> create(owner), State.class);
    }

    private static State create(ExtensionContext classContext) {
        SpoolTest settings = settings(classContext);
        String label = classContext.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        String namespace = LocalRedis.freshNamespace(label.isEmpty() ? "test" : label);
        if (settings.inline()) {
            InlineDispatch inline = InlineDispatch.fromClassPath();
            return new State(Access.inlineSpool(namespace, inline), inline);
        }
        return new State(Spool.builder().redisUrl(LocalRedis.url()).namespace(namespace).build(), null);
    }

    private static SpoolTest settings(ExtensionContext context) {
        Class<?> type = classContext(context).getRequiredTestClass();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            var found = AnnotationSupport.findAnnotation(c, SpoolTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException(type.getName() + " uses SpoolExtension without @SpoolTest");
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The public constructor {@code (Spool)} of a generated stub or workflow class, or null. */
    private static Constructor<?> stubConstructor(Class<?> type) {
        if (type.isInterface() || type.isPrimitive() || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            return type.getConstructor(Spool.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
