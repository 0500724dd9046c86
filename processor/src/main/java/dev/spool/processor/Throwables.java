package dev.spool.processor;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Stack traces for reports of unexpected failures. */
final class Throwables {

    private Throwables() {}

    static String stackTrace(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
