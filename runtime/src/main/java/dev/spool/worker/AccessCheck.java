package dev.spool.worker;

import dev.spool.SpoolException;
import dev.spool.internal.Keys.QueueKeys;
import dev.spool.internal.queue.Broker;

/**
 * Before a worker starts: its Redis user must be allowed to read and write its queues' keys. A
 * worker without that permission would only log {@code NOPERM} refusals forever, so it does not
 * start. Each queue gets a fetch of nothing and a recovery of nothing, which check every key's
 * type and trim the dead set as maintenance does: scripts with the same commands as the real ones.
 * Other errors (Redis unreachable, a wrong-typed key) are left to the worker's loops, which back
 * the queue off and say so.
 */
final class AccessCheck {

    private AccessCheck() {}

    static void check(WorkerConfig config) {
        Broker broker = config.core().broker();
        for (QueueKeys queue : config.queues()) {
            try {
                broker.completeAndFetch(queue, java.util.List.of(), config.resultTtlSeconds(), 0,
                        config.leaseDuration().toMillis(), config.name(), config.core().deadTtl().toSeconds());
                broker.recover(queue, 0, config.reclaimLimit(), config.core().deadTtl().toSeconds());
            } catch (SpoolException e) {
                if (String.valueOf(e.getMessage()).contains("NOPERM")) {
                    throw new SpoolException(config.name() + " cannot start: its Redis user may not use the keys of queue "
                            + queue.queue() + " (" + queue.jobPrefix() + "...); grant it the key pattern of the namespace,"
                            + " e.g. ACL SETUSER <user> ~" + queue.ready().substring(0, queue.ready().indexOf(':')) + ":*"
                            + " and the commands of Spool's scripts: " + e.getMessage(), e);
                }
            }
        }
    }
}
