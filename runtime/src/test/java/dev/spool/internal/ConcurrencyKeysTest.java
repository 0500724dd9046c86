package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TypeRef;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key a job of a task with {@code concurrencyKey} carries, and the payload line it travels in. */
class ConcurrencyKeysTest {

    private static final TaskDescriptor<Void> SYNC = TaskDescriptor.builder("Billing.sync", TypeRef.VOID)
            .param("page", TypeRef.of(int.class)).param("customer", TypeRef.of(Object.class))
            .concurrencyKey("customer", 3).build();

    @Test
    void theKeyIsTheTaskAndTheValueAsText() {
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, "cust-42"})).isEqualTo("3:Billing.sync:cust-42");
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, 42L})).isEqualTo("3:Billing.sync:42");
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, DayOfWeek.MONDAY})).isEqualTo("3:Billing.sync:MONDAY");
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, new BigDecimal("1.50")})).isEqualTo("3:Billing.sync:1.5");
        UUID id = UUID.randomUUID();
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, id})).isEqualTo("3:Billing.sync:" + id);
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, null})).isEqualTo("3:Billing.sync:null");
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, "two\nlines"})).matches("3:Billing\\.sync:sha1:[0-9a-f]{40}");
        assertThat(ConcurrencyKeys.of(SYNC, new Object[] {1, "x".repeat(200)})).matches("3:Billing\\.sync:sha1:[0-9a-f]{40}");
        assertThat(ConcurrencyKeys.of(TaskDescriptor.builder("Billing.other", TypeRef.VOID).build(), new Object[0])).isEmpty();
    }

    @Test
    void theKeyTravelsInItsOwnPayloadLine() {
        Payload payload = new Payload("Billing.sync", 0, 0, "[1,\"c\"]", List.of(), 0, "3:Billing.sync:c");
        assertThat(payload.pack()).isEqualTo("Billing.sync\n0\n\nck:3:Billing.sync:c\n[1,\"c\"]");
        assertThat(Payload.unpack(payload.pack())).isEqualTo(payload);
    }

    @Test
    void aKeyThatNamesNoParameterIsRefused() {
        assertThatThrownBy(() -> TaskDescriptor.builder("Billing.bad", TypeRef.VOID).param("page", TypeRef.of(int.class))
                .concurrencyKey("customer", 1).build()).hasMessageContaining("names no parameter");
        assertThatThrownBy(() -> TaskDescriptor.builder("Billing.bad", TypeRef.VOID).param("page", TypeRef.of(int.class))
                .concurrencyKey("page", 0).build()).hasMessageContaining("from 1 to 1000");
    }
}
