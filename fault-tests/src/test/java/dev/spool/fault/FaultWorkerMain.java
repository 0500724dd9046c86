package dev.spool.fault;

import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for the fault suite:
 * {@code FaultWorkerMain <redis url> <namespace> <ledger dir> <lease ms> <concurrency> <reclaim limit>}.
 * Prints {@code READY <worker id>} once it runs, then serves the queue {@code fault}
 * ({@link FaultTasks} and {@link NestedTasks}) until killed.
 */
public final class FaultWorkerMain {

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String namespace = args[1];
        Path ledger = Path.of(args[2]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        int concurrency = Integer.parseInt(args[4]);
        int reclaimLimit = Integer.parseInt(args[5]);
        Ledger.open(ledger, "worker-" + ProcessHandle.current().pid());
        Spool spool = Spool.builder().redisUrl(url).namespace(namespace).poolSize(8).build();
        Worker worker = Worker.builder(spool).taskTables(List.of(new FaultTasks.Table(), new NestedTasks.Table()))
                .queues("fault")
                .concurrency(concurrency).leaseDuration(lease).maintenanceInterval(Duration.ofMillis(200))
                .retryBackoff(Duration.ofMillis(50)).reclaimLimit(reclaimLimit).shutdownGrace(Duration.ofSeconds(1))
                .build().start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            spool.close();
            stop.countDown();
        }));
        System.out.println("READY " + worker.id());
        System.out.flush();
        stop.await();
    }

    private FaultWorkerMain() {}
}
