package dev.spool.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A parsed cron expression in a time zone, read by cron-utils: six fields with seconds first (as
 * Spring's {@code @Scheduled}) or the classic five (Unix cron, at second 0). The annotation
 * processor applies the same rule at compile time.
 */
public final class Cron {

    private static final CronParser WITH_SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private Cron(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * Parses {@code expression} in {@code zone}.
     *
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static Cron parse(String expression, String zone) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + zone + "\" (use an IANA id such as Europe/Paris)", e);
        }
        String trimmed = expression == null ? "" : expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("cron expression \"" + expression + "\" has " + fields
                    + " fields; use six (seconds first, \"0 */5 * * * *\") or five (\"*/5 * * * *\")");
        }
        try {
            return new Cron(trimmed, zoneId, ExecutionTime.forCron((fields == 6 ? WITH_SECONDS : UNIX).parse(trimmed)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron expression \"" + expression + "\" does not parse: " + e.getMessage(), e);
        }
    }

    /** The first tick strictly after {@code after}, or {@code null} if the expression never fires again. */
    public Instant next(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after.truncatedTo(ChronoUnit.SECONDS), zone)).map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The expression as given (trimmed). */
    public String expression() {
        return expression;
    }

    /** The zone it is read in. */
    public ZoneId zone() {
        return zone;
    }
}
