package dev.spool.fault;

import dev.spool.Spool;
import dev.spool.workflow.Dag;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import java.util.ArrayList;
import java.util.List;

/**
 * The nested workflow of the fault test, built with the run-time {@link Dag}: a first job {@code
 * prepare(seed)}, then {@code chains} chains of 3 steps, each chain's first step taking the first
 * job's result (and its chain index as a bound argument), then one callback taking the list of the
 * chains' last results in chain order: 1 + chains×3 + 1 jobs. The job at position {@code p} has
 * the id {@code <workflow id>-<p>}: the first job is 0, step {@code s} (1–3) of chain {@code i} is
 * {@code 1 + 3i + (s - 1)}, the callback is {@code 1 + 3 × chains}.
 */
public final class NestedShape {

    private NestedShape() {}

    /** Starts the workflow; its result is the callback's. */
    public static WorkflowJob<Integer> start(Spool spool, long seed, int chains, long stepMillis) {
        Dag dag = Workflow.dag(spool);
        Dag.Ref<Long> first = dag.job(NestedTasks.PREPARE, seed);
        List<Dag.Ref<Long>> lasts = new ArrayList<>(chains);
        for (int i = 0; i < chains; i++) {
            Dag.Ref<Long> value = first;
            for (int step = 1; step <= 3; step++) {
                value = dag.after(List.of(value), NestedTasks.STEP, i, step, stepMillis);
            }
            lasts.add(value);
        }
        return dag.start(dag.afterAll(lasts, NestedTasks.COLLECT));
    }

    /** The position of step {@code step} (1–3) of chain {@code chain}. */
    public static int position(int chain, int step) {
        return 1 + 3 * chain + step - 1;
    }

    /** What the callback must receive: each chain's last result, computed here, in chain order. */
    public static List<Long> expected(long seed, int chains) {
        List<Long> out = new ArrayList<>(chains);
        long prepared = NestedTasks.prepared(seed);
        for (int i = 0; i < chains; i++) {
            long v = prepared;
            for (int step = 1; step <= 3; step++) {
                v = NestedTasks.stepped(v, i, step);
            }
            out.add(v);
        }
        return out;
    }

    /** The ledger keys of every job of the workflow. */
    public static List<String> keys(int chains) {
        List<String> keys = new ArrayList<>();
        keys.add(NestedTasks.PREPARE_KEY);
        for (int i = 0; i < chains; i++) {
            for (int step = 1; step <= 3; step++) {
                keys.add(NestedTasks.stepKey(i, step));
            }
        }
        keys.add(NestedTasks.CALLBACK_KEY);
        return keys;
    }
}
