package dev.spool.spring.app;

/** A plain Spring bean that a task class depends on. */
public class Pricing {

    private final int vatPercent;

    public Pricing(int vatPercent) {
        this.vatPercent = vatPercent;
    }

    public long withVat(long cents) {
        return cents + cents * vatPercent / 100;
    }
}
