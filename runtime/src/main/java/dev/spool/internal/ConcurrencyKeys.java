package dev.spool.internal;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskDescriptor.ConcurrencyRule;
import java.math.BigDecimal;

/**
 * Per-key concurrency ({@code @Task(concurrencyKey, maxConcurrent)}): the key a job carries in its
 * payload's {@code ck:<max>:<key>} line. The fetch script reads that line (on queues marked as
 * keyed, see {@code includes/limits.lua}), lets at most {@code max} jobs with one key hold a lease at
 * once and parks the others in a list of their key until a holder ends.
 *
 * <p>The key is the task's name and the parameter's value ({@code Billing.charge:cust-42}), so two
 * tasks never share slots. A value is written as text: a string as it is, a number in its plain
 * decimal form, an enum by its constant's name, a UUID in its usual form, {@code null} as
 * {@code null}; a value longer than 128 characters or with a line break is replaced by {@code
 * sha1:<hex>} of its text.
 */
public final class ConcurrencyKeys {

    private static final int LONGEST_RAW = 128;

    private ConcurrencyKeys() {}

    /** The {@code <max>:<key>} of a job of {@code task} with these arguments, or {@code ""} if the task has no rule. */
    public static String of(TaskDescriptor<?> task, Object[] arguments) {
        if (task.concurrency().isEmpty()) {
            return "";
        }
        ConcurrencyRule rule = task.concurrency().get();
        Object value = arguments != null && rule.index() < arguments.length ? arguments[rule.index()] : null;
        return rule.max() + ":" + task.name() + ":" + text(value);
    }

    /** A key value as text (see the class comment). */
    static String text(Object value) {
        String text;
        if (value instanceof Enum<?> constant) {
            text = constant.name();
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        } else {
            text = String.valueOf(value);
        }
        if (text.length() > LONGEST_RAW || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return "sha1:" + UniqueJobs.sha1(text);
        }
        return text;
    }
}
