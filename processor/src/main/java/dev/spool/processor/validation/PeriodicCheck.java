package dev.spool.processor.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * Checks {@code @Periodic} on a {@code @Task} method: no parameters (every tick runs it with none), a
 * cron expression that parses, a known zone. Cron is read by cron-utils with the rule the runtime
 * applies: six fields with seconds first (Spring's form) or the classic five.
 */
final class PeriodicCheck {

    private static final CronParser WITH_SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private PeriodicCheck() {}

    static void check(ExecutableElement method, String description, Elements elements, ValidationReport report) {
        Optional<PeriodicAnnotation> found = PeriodicAnnotation.read(method, elements);
        if (found.isEmpty()) {
            return;
        }
        PeriodicAnnotation periodic = found.get();
        if (!method.getParameters().isEmpty()) {
            report.add(Message.PERIODIC_WITH_PARAMETERS, method, periodic.mirror(), null, description,
                    method.getParameters().size());
        }
        cronProblem(periodic.cronText()).ifPresent(problem -> report.add(Message.PERIODIC_INVALID_CRON, method,
                periodic.mirror(), periodic.cron(), periodic.cronText(), description, problem));
        try {
            ZoneId.of(periodic.zoneText());
        } catch (DateTimeException e) {
            report.add(Message.PERIODIC_INVALID_ZONE, method, periodic.mirror(), periodic.zone(), periodic.zoneText(),
                    description);
        }
    }

    /** What is wrong with a cron expression, if anything. */
    static Optional<String> cronProblem(String expression) {
        String trimmed = expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            return Optional.of("it has " + fields + " fields");
        }
        try {
            (fields == 6 ? WITH_SECONDS : UNIX).parse(trimmed);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
