package dev.spool.cluster;

import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A worker process for {@link ThroughputTest}: {@code <redis url> <namespace> <queue> <concurrency>};
 * prints {@code ready} once it serves its queue and stops when its standard input closes.
 */
public final class ThroughputWorkerMain {

    private ThroughputWorkerMain() {}

    public static void main(String[] args) throws IOException {
        try (Spool spool = Spool.builder().redisUrl(args[0]).namespace(args[1]).poolSize(64).build();
                Worker worker = Worker.builder(spool).taskTables(List.of(new ClusterTasks.Table())).queues(args[2])
                        .concurrency(Integer.parseInt(args[3])).keepResults(true).shutdownGrace(Duration.ofSeconds(2))
                        .build().start()) {
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
