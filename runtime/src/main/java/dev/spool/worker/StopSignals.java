package dev.spool.worker;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as a request to stop, for the worker command. By default the JVM answers
 * these signals by running its shutdown hooks and then exits with 128 + the signal's number (143,
 * 130) whatever the hooks do; a worker that drained cleanly should exit with 0 instead. So the
 * first signal only opens {@link #await()}: the command then drains the worker and returns its own
 * exit code. The JVM's own handling comes back for a second signal, which therefore stops the
 * process at once (running jobs return to their queues when their leases expire).
 *
 * <p>Uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module, looked up at run time:
 * where it is missing (a runtime image without that module) or refused ({@code -Xrs}), the JVM's
 * default handling stays and the shutdown hook drains the worker instead.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Runnable> restore = new ArrayList<>();
    private volatile int received;

    /**
     * Handles SIGTERM and SIGINT from now on.
     *
     * @return whether both are handled; if not, the JVM's shutdown hooks still run on a signal
     */
    boolean install() {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Method number = signalType.getMethod("getNumber");
            for (String name : SIGNALS) {
                Object signal = signalType.getConstructor(String.class).newInstance(name);
                Object[] previous = new Object[1];
                Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "handle" -> {
                                handle.invoke(null, signal, previous[0]); // a second signal: the JVM's own handling
                                stopped((Integer) number.invoke(args[0]), name);
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "spool stop on SIG" + name;
                        });
                previous[0] = handle.invoke(null, signal, handler);
                restore.add(() -> {
                    try {
                        handle.invoke(null, signal, previous[0]);
                    } catch (ReflectiveOperationException e) {
                        log.debug("Could not restore the handling of SIG{}: {}", name, e.toString());
                    }
                });
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("SIGTERM and SIGINT keep the JVM's default handling: {}", e.toString());
            return false;
        }
    }

    private void stopped(int signalNumber, String name) {
        received = signalNumber;
        log.info("SIG{} received: stopping gracefully (a second signal stops at once)", name);
        stop.countDown();
    }

    /** Asks for a stop without a signal (the JVM is shutting down for another reason). */
    void stopWithoutSignal() {
        stop.countDown();
    }

    /** Waits until a signal (or {@link #stopWithoutSignal()}) asks for a stop. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** The number of the signal that asked for the stop, 0 if none did. */
    int received() {
        return received;
    }

    /** Gives SIGTERM and SIGINT back to the JVM's handling. */
    @Override
    public void close() {
        restore.forEach(Runnable::run);
        restore.clear();
    }
}
