package dev.spool.spring.app;

import dev.spool.annotations.Task;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.annotation.Autowired;

/** A task class whose instance comes from Spring, with its dependency injected. */
public class Invoices {

    /** Counted down when {@link #slow} has started. */
    public static volatile CountDownLatch slowStarted = new CountDownLatch(1);

    private final Pricing pricing;

    @Autowired
    public Invoices(Pricing pricing) {
        this.pricing = pricing;
    }

    @Task(queue = "spring-invoices")
    public long total(long cents) {
        return pricing.withVat(cents);
    }

    @Task(queue = "spring-invoices")
    public String slow(long millis) throws InterruptedException {
        slowStarted.countDown();
        Thread.sleep(millis);
        return "finished";
    }
}
