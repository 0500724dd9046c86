package dev.spool.spring;

import dev.spool.Spool;
import dev.spool.internal.Access;
import dev.spool.worker.Worker;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health of Spool ({@code /actuator/health/spool}): up when Redis answers and, if this
 * application runs a worker, the worker is running and healthy.
 */
public final class SpoolHealthIndicator extends AbstractHealthIndicator {

    private final Spool spool;
    private final SpoolWorkerLifecycle worker;

    SpoolHealthIndicator(Spool spool, SpoolWorkerLifecycle worker) {
        super("Spool health check failed");
        this.spool = spool;
        this.worker = worker;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.withDetail("namespace", spool.namespace());
        Access.core(spool).redis().call(redis -> redis.ping()); // fails when Redis cannot be reached
        if (worker == null) {
            health.up();
            return;
        }
        Worker running = worker.worker();
        if (running == null) {
            health.down().withDetail("worker", "not running");
        } else if (!running.healthy()) {
            health.down().withDetail("worker", running.id() + " unhealthy (stuck task threads)");
        } else {
            health.up().withDetail("worker", running.id()).withDetail("queues", running.queues())
                    .withDetail("jobsInHand", running.jobsInHand());
        }
    }
}
