package dev.spool.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Spool;
import dev.spool.SpoolException;
import dev.spool.localredis.LocalRedis;
import dev.spool.localredis.OwnedRedis;
import dev.spool.test.TestTasks;
import dev.spool.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** A worker whose Redis user may not touch its namespace refuses to start, saying why. */
class NoPermissionTest {

    @Test
    void aWorkerWithoutPermissionOnItsNamespaceFailsAtStart() throws Exception {
        try (OwnedRedis server = LocalRedis.startOwn(); JedisPooled admin = new JedisPooled(server.url())) {
            admin.sendCommand(redis.clients.jedis.Protocol.Command.ACL, "SETUSER", "limited", "on", ">secret", "~elsewhere:*", "+@all");
            String url = server.url().replace("redis://", "redis://limited:secret@");
            try (Spool spool = Spool.builder().redisUrl(url).namespace("mine").build()) {
                Worker worker = Worker.builder(spool).taskTables(List.of(new TestTasks.Table())).queues("calm").build();
                try {
                    assertThatThrownBy(worker::start).isInstanceOf(SpoolException.class)
                            .hasMessageContaining("cannot start").hasMessageContaining("NOPERM")
                            .hasMessageContaining("queue calm");
                } finally {
                    worker.close();
                }
            }
            assertThat(admin.keys("mine:*")).as("nothing written").isEmpty();
        }
    }
}
