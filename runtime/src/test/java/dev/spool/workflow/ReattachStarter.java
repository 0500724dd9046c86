package dev.spool.workflow;

import dev.spool.Spool;

/**
 * Run in a JVM of its own by {@link ReattachTest}: starts a chain and prints its workflow id, then
 * exits without waiting for it.
 */
public final class ReattachStarter {

    private ReattachStarter() {}

    public static void main(String[] args) {
        try (Spool spool = Spool.builder().redisUrl(args[0]).namespace(args[1]).build()) {
            WorkflowJob<FlowTasks.Score> best = Workflow.chain(spool)
                    .first(FlowTasks.SCORE, "the quickest brown fox")
                    .then(FlowTasks.INDEX, "w:")
                    .then(FlowTasks.BEST, 1000).start();
            System.out.println("workflow " + best.workflowId());
        }
    }
}
