package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.SpoolException;
import dev.spool.internal.RedisTopology.Kind;
import org.junit.jupiter.api.Test;

class RedisTopologyTest {

    @Test
    void singleUrlsAreParsedAsBefore() {
        RedisTopology single = RedisTopology.parse("rediss://app:pw@cache:6380/2");
        assertThat(single.kind()).isEqualTo(Kind.SINGLE);
        assertThat(single.first()).isEqualTo(new RedisUrl(true, "app", "pw", "cache", 6380, 2));
        assertThat(single.toString()).isEqualTo("rediss://app:***@cache:6380/2");
    }

    @Test
    void clusterUrlsListSeedNodesWithSharedCredentialsAndTls() {
        RedisTopology cluster = RedisTopology.parse("rediss-cluster://app:s3cr%40t@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");
        assertThat(cluster.kind()).isEqualTo(Kind.CLUSTER);
        assertThat(cluster.tls()).isTrue();
        assertThat(cluster.nodes()).extracting(RedisUrl::host).containsExactly("10.0.0.1", "10.0.0.2", "::1");
        assertThat(cluster.nodes()).extracting(RedisUrl::port).containsExactly(7000, 7001, 7002);
        assertThat(cluster.nodes()).allSatisfy(n -> {
            assertThat(n.user()).isEqualTo("app");
            assertThat(n.password()).isEqualTo("s3cr@t");
        });
        assertThat(cluster.toString()).isEqualTo("rediss-cluster://app:***@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002")
                .doesNotContain("s3cr");
    }

    @Test
    void sentinelUrlsNameTheMasterAndDefaultToPort26379() {
        RedisTopology sentinel = RedisTopology.parse("redis-sentinel://:pw@s1,s2:26380/mymaster/3");
        assertThat(sentinel.kind()).isEqualTo(Kind.SENTINEL);
        assertThat(sentinel.masterName()).isEqualTo("mymaster");
        assertThat(sentinel.nodes()).extracting(RedisUrl::port).containsExactly(26379, 26380);
        assertThat(sentinel.first().database()).isEqualTo(3);
        assertThat(sentinel.toString()).isEqualTo("redis-sentinel://:***@s1:26379,s2:26380/mymaster/3");
    }

    @Test
    void badUrlsSayWhatIsWrongWithoutThePassword() {
        assertThatThrownBy(() -> RedisTopology.parse("redis-sentinel://u:hunter2@s1:26379")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("names the master").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisTopology.parse("redis-cluster://u:hunter2@a:1/2")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("database 0").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisTopology.parse("redis-cluster://a:1,,b:2")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("empty address");
        assertThatThrownBy(() -> RedisTopology.parse("memcached://a:1")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("redis-cluster://");
    }
}
