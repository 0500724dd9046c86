package dev.spool.web.testing;

import dev.spool.spi.TaskDescriptor;
import dev.spool.spi.TaskEntry;
import dev.spool.spi.TaskTable;
import dev.spool.spi.TypeRef;
import java.util.List;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Hand-written stand-ins for what the annotation processor generates for a small shop's tasks. */
public final class ShopTasks {

    /** A record argument. */
    public record Item(String name, int cents, int quantity) {}

    /** A record result. */
    public record Total(int items, long cents) {}

    public static final TaskDescriptor<Integer> ADD = TaskDescriptor.builder("Shop.add", TypeRef.of(Integer.class))
            .param("a", TypeRef.of(int.class)).param("b", TypeRef.of(int.class)).build();

    public static final TypeRef<List<Item>> ITEMS = TypeRef.parameterized(List.class, TypeRef.of(Item.class));

    public static final TaskDescriptor<Total> TOTAL = TaskDescriptor.builder("Shop.total", TypeRef.of(Total.class))
            .queue("orders").param("items", ITEMS).build();

    /** Fails the first time for a key, succeeds after: a failure an operator retries. */
    public static final TaskDescriptor<String> CHARGE = TaskDescriptor.builder("Shop.charge", TypeRef.of(String.class))
            .queue("payments").param("order", TypeRef.of(String.class)).build();

    public static final TaskDescriptor<Long> WAIT = TaskDescriptor.builder("Shop.wait", TypeRef.of(Long.class))
            .param("millis", TypeRef.of(long.class)).build();

    /** Keys {@link #CHARGE} has failed for once. */
    public static final Set<String> DECLINED = ConcurrentHashMap.newKeySet();

    /** The task class. */
    public static final class Shop {
        public int add(int a, int b) {
            return a + b;
        }

        public Total total(List<Item> items) {
            long cents = 0;
            int n = 0;
            for (Item i : items) {
                cents += (long) i.cents() * i.quantity();
                n += i.quantity();
            }
            return new Total(n, cents);
        }

        public String charge(String order) {
            if (DECLINED.add(order)) {
                throw new IllegalStateException("card declined for order " + order);
            }
            return "charged " + order;
        }

        public long waitFor(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }
    }

    /** The dispatch table. */
    public static final class Table implements TaskTable {
        @Override
        public Class<?> ownerType() {
            return Shop.class;
        }

        @Override
        public List<TaskEntry<?, ?>> entries() {
            return List.of(
                    TaskEntry.of(ADD, Shop.class, Shop::new, (o, a) -> o.add(a.<Integer>get(0), a.<Integer>get(1))),
                    TaskEntry.of(TOTAL, Shop.class, Shop::new, (o, a) -> o.total(a.get(0))),
                    TaskEntry.of(CHARGE, Shop.class, Shop::new, (o, a) -> o.charge(a.get(0))),
                    TaskEntry.of(WAIT, Shop.class, Shop::new, (o, a) -> {
                        try {
                            return o.waitFor(a.<Long>get(0));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                    }));
        }
    }

}
