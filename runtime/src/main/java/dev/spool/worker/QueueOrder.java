package dev.spool.worker;

import dev.spool.internal.Keys.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which one fetch asks the worker's queues: strict (the configured order, so a busy
 * first queue is always served first), or weighted (Sidekiq's weighted queues: before every fetch
 * the queues are drawn in a random order in which a queue of weight 6 comes first six times as
 * often as one of weight 1, so a busy queue cannot starve the others).
 */
final class QueueOrder {

    private final List<QueueKeys> queues;
    /** Per queue, its weight; null for strict order. */
    private final int[] weights;

    private QueueOrder(List<QueueKeys> queues, int[] weights) {
        this.queues = List.copyOf(queues);
        this.weights = weights;
    }

    /** The queues in this order, always. */
    static QueueOrder strict(List<QueueKeys> queues) {
        return new QueueOrder(queues, null);
    }

    /** The queues drawn by weight before every fetch; {@code weights[i]} belongs to {@code queues.get(i)}. */
    static QueueOrder weighted(List<QueueKeys> queues, int[] weights) {
        if (weights.length != queues.size()) {
            throw new IllegalArgumentException("one weight per queue");
        }
        return new QueueOrder(queues, weights.clone());
    }

    /** Whether the order is drawn by weight. */
    boolean weighted() {
        return weights != null;
    }

    /** The order of the next fetch. */
    List<QueueKeys> next() {
        if (weights == null || queues.size() < 2) {
            return queues;
        }
        List<Integer> left = new ArrayList<>(queues.size());
        int total = 0;
        for (int i = 0; i < queues.size(); i++) {
            left.add(i);
            total += weights[i];
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<QueueKeys> order = new ArrayList<>(queues.size());
        while (!left.isEmpty()) {
            int draw = random.nextInt(total);
            for (int k = 0; k < left.size(); k++) {
                int i = left.get(k);
                draw -= weights[i];
                if (draw < 0) {
                    order.add(queues.get(i));
                    total -= weights[i];
                    left.remove(k);
                    break;
                }
            }
        }
        return order;
    }
}
