package dev.spool.worker;

import dev.spool.SpoolException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Virtual threads for {@link Worker.Builder#virtualThreads(boolean)}, reached through method
 * handles so that the runtime compiles for (and runs on) Java 17: {@code Thread.ofVirtual().factory()}
 * exists from Java 21 on. On an older JVM, asking for them fails with a message that says so.
 */
final class VirtualThreads {

    /** {@code Thread.ofVirtual().factory()} as a handle of type {@code () -> ThreadFactory}; null before Java 21. */
    private static final MethodHandle FACTORY = factoryHandle();

    private VirtualThreads() {}

    private static MethodHandle factoryHandle() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle start = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return MethodHandles.filterReturnValue(start, factory.asType(MethodType.methodType(ThreadFactory.class, ofVirtual)));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Whether this JVM has virtual threads (Java 21 or newer). */
    static boolean available() {
        return FACTORY != null;
    }

    /**
     * Refuses virtual threads on a JVM without them.
     *
     * @throws SpoolException naming this JVM's version and what to do
     */
    static void require() {
        if (!available()) {
            throw new SpoolException("virtualThreads(true) needs Java 21 or newer, but this worker runs on Java "
                    + Runtime.version() + " (" + System.getProperty("java.home") + "): run the worker on a JDK 21+"
                    + " or leave virtual threads off (--virtual-threads, spool.worker.virtual-threads)");
        }
    }

    /** Virtual threads named {@code <prefix>-<n>}, numbered with the platform task threads. */
    static ThreadFactory named(String prefix, AtomicInteger counter) {
        require();
        ThreadFactory virtual;
        try {
            virtual = (ThreadFactory) FACTORY.invokeExact();
        } catch (Throwable e) {
            throw new SpoolException("could not create a virtual thread factory: " + e, e);
        }
        return r -> {
            Thread t = virtual.newThread(r);
            t.setName(prefix + "-" + counter.incrementAndGet());
            return t;
        };
    }
}
