package dev.spool.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code spool.*} properties of the Spring Boot starter. */
@ConfigurationProperties(prefix = "spool")
public class SpoolProperties {

    /** The Redis to use: {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS. */
    private String redisUrl = "redis://127.0.0.1:6379";

    /** The namespace every Spool key starts with; applications that share a Redis use their own. */
    private String namespace = "spool";

    /** How many Redis connections the client keeps at most. */
    private Integer poolSize;

    /** How long results of succeeded jobs are kept. */
    private Duration resultTtl;

    /** How long failed jobs are kept for inspection and retry. */
    private Duration deadTtl;

    /** The embedded worker. */
    private final Worker worker = new Worker();

    public String getRedisUrl() {
        return redisUrl;
    }

    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Integer getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(Integer poolSize) {
        this.poolSize = poolSize;
    }

    public Duration getResultTtl() {
        return resultTtl;
    }

    public void setResultTtl(Duration resultTtl) {
        this.resultTtl = resultTtl;
    }

    public Duration getDeadTtl() {
        return deadTtl;
    }

    public void setDeadTtl(Duration deadTtl) {
        this.deadTtl = deadTtl;
    }

    public Worker getWorker() {
        return worker;
    }

    /** The {@code spool.worker.*} properties. */
    public static class Worker {

        /** Whether this application runs a worker, started and stopped with the application context. */
        private boolean enabled;

        /** The queues the worker takes jobs from; empty for every queue of the tasks on the class path. */
        private List<String> queues = new ArrayList<>();

        /** How many jobs run at once. */
        private Integer concurrency;

        /** How long a shutdown waits for running jobs before handing them back to their queues. */
        private Duration shutdownGrace;

        /** Whether each job runs on a virtual thread; needs Java 21 or newer (the worker refuses to start on older JVMs). */
        private boolean virtualThreads;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getQueues() {
            return queues;
        }

        public void setQueues(List<String> queues) {
            this.queues = queues;
        }

        public Integer getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(Integer concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getShutdownGrace() {
            return shutdownGrace;
        }

        public void setShutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
        }

        public boolean isVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
        }
    }
}
