package dev.spool.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Job;
import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.Spool;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * The least-privilege ACL rule of docs/redis-keys.md: a user limited to its namespace's keys and
 * to the commands Spool sends runs the whole core scenario on a cluster, Redis denies nothing
 * ({@code ACL LOG} stays empty on every node), and a worker of another namespace sees none of its
 * jobs.
 */
class ClusterAclTest {

    /**
     * The rule of docs/redis-keys.md#acl, after
     * {@code ACL SETUSER <user> on ><password> resetkeys ~<namespace>:* resetchannels &<namespace>:*}.
     */
    static final String COMMANDS = "-@all"
            + " +evalsha +eval +script|load +ping +client|setname +cluster|slots"
            + " +blpop +lpush +lrem +del +set +sadd +smembers +srem +hget +hmget +hgetall +zcard +zscore +zrange +zrevrange +zrem"
            + " +time +exists +expire +persist +ttl +type +get +incr +hset +hsetnx +hdel +hexists +hlen +llen +lrange +rpop +rpush"
            + " +zadd +zcount +zpopmin +zrangebyscore +zremrangebyscore +pexpire +pttl +hincrby +lpos +hscan +setnx"
            + " +zmscore +publish +subscribe +unsubscribe";

    @TempDir
    Path dir;

    @Test
    void aUserLimitedToItsNamespaceRunsEverythingAndIsDeniedNothing() {
        try (LocalCluster cluster = LocalCluster.start(dir, 3, null)) {
            for (int i = 0; i < cluster.nodes.size(); i++) {
                try (Jedis node = cluster.admin(i)) {
                    for (String user : List.of("app1", "app2")) {
                        List<String> rule = new ArrayList<>(List.of("SETUSER", user, "on", ">" + user + "-secret", "resetkeys", "~" + user + ":*",
                                "resetchannels", "&" + user + ":*"));
                        rule.addAll(List.of(COMMANDS.trim().split(" ")));
                        node.sendCommand(Protocol.Command.ACL, rule.toArray(String[]::new));
                    }
                    node.sendCommand(Protocol.Command.ACL, "LOG", "RESET");
                }
            }
            List<String> app1Jobs = new ArrayList<>();
            try (Spool app1 = Spool.builder().redisUrl(cluster.url("app1:app1-secret")).namespace("app1").build()) {
                try (Worker worker = Scenarios.worker(app1).start()) {
                    Scenarios.runAll(app1, "acl");
                    app1.queue("gamma").pause();
                    app1.queue("gamma").resume();
                    assertThat(app1.queues()).isNotEmpty();
                    assertThat(app1.workers()).hasSize(1);
                }
                // left for app1's workers, which are gone now
                for (int i = 0; i < 20; i++) {
                    app1Jobs.add(app1.enqueue(ClusterTasks.MARK, JobOptions.defaults(), "app1-left-" + i).id());
                }
                try (Spool app2 = Spool.builder().redisUrl(cluster.url("app2:app2-secret")).namespace("app2").build();
                        Worker other = Scenarios.worker(app2).start()) {
                    Job<String> own = app2.enqueue(ClusterTasks.MARK, JobOptions.defaults(), "app2-own");
                    assertThat(own.await(Scenarios.WAIT)).isEqualTo("app2-own");
                    for (String id : app1Jobs) {
                        assertThat(app1.queue("alpha").job(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
                    }
                    assertThat(ClusterTasks.MARKS.keySet()).noneMatch(tag -> tag.startsWith("app1-left-"));
                    assertThat(app2.queue("alpha").counts().queued()).isZero();
                }
            }
            for (int i = 0; i < cluster.nodes.size(); i++) {
                try (Jedis node = cluster.admin(i)) {
                    Object log = node.sendCommand(Protocol.Command.ACL, "LOG");
                    assertThat((List<?>) log).as("ACL LOG of node " + i + ": " + describe(log)).isEmpty();
                }
            }
        }
    }

    private static String describe(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(ClusterAclTest::describe).toList().toString();
        }
        return String.valueOf(reply);
    }
}
