package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.JobFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {

    /** 28 task names, as in a real invoicing service. */
    private static List<String> known() {
        List<String> names = new ArrayList<>(List.of("Invoicing.findDiscount", "Invoicing.issue", "Invoicing.cancel",
                "Invoicing.remind", "Mailer.send", "Mailer.sendReceipt", "Ledger.post", "Ledger.reverse"));
        for (int i = 0; i < 20; i++) {
            names.add("Reports.monthly" + i);
        }
        return names;
    }

    @Test
    void anUnknownTaskNamesTheClosestFewNotEveryTask() {
        JobFailure failure = Failures.unknownTask("Invoicing.findDiscont", known(), 1);
        assertThat(failure.exceptionClass()).isEqualTo(Failures.UNKNOWN_TASK);
        assertThat(failure.message())
                .startsWith("unknown task \"Invoicing.findDiscont\": none of the 28 tasks of this worker has that name;"
                        + " closest: Invoicing.findDiscount, ")
                .contains("class path")
                .doesNotContain("Reports.monthly7");
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void closestIgnoresCaseAndIsOrderedByDistance() {
        assertThat(Failures.closest("mailer.SEND", known(), 3))
                .containsExactly("Mailer.send", "Mailer.sendReceipt", "Ledger.post");
        assertThat(Failures.closest("x", List.of("b", "a"), 3)).containsExactly("a", "b");
        assertThat(Failures.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Failures.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void aWorkerWithoutTasksSaysSo() {
        assertThat(Failures.unknownTask("A.b", List.of(), 2).message())
                .startsWith("unknown task \"A.b\": none of the 0 tasks of this worker has that name.");
    }
}
