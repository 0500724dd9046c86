package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.SpoolException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisClientConfig;

class RedisUrlTest {

    @Test
    void parsesUserPasswordDatabaseAndTls() {
        RedisUrl url = RedisUrl.parse("rediss://app:s3cr%40t@cache.example:6380/2");
        assertThat(url).isEqualTo(new RedisUrl(true, "app", "s3cr@t", "cache.example", 6380, 2));
        assertThat(url.toString()).isEqualTo("rediss://app:***@cache.example:6380/2").doesNotContain("s3cr");
        JedisClientConfig config = url.clientConfig("spool", 1000, TlsContext.forUrl(url, null));
        assertThat(config.isSsl()).isTrue();
        assertThat(config.getDatabase()).isEqualTo(2);
        assertThat(config.getUser()).isEqualTo("app");
    }

    @Test
    void rediss_checksTheHostNameUnlessTurnedOff() {
        RedisUrl url = RedisUrl.parse("rediss://cache.example:6380");
        JedisClientConfig config = url.clientConfig("spool", 1000, TlsContext.forUrl(url, null));
        assertThat(config.getSslSocketFactory()).isNotNull();
        assertThat(config.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        TlsSettings unchecked = new TlsSettings(null, null, null, null, null, null, null, false);
        assertThat(url.clientConfig("spool", 1000, TlsContext.forUrl(url, unchecked)).getSslParameters()
                .getEndpointIdentificationAlgorithm()).isNull();
    }

    @Test
    void tlsSettingsWithAPlainUrlAreAnError() {
        RedisUrl url = RedisUrl.parse("redis://cache.example:6379");
        assertThat(TlsContext.forUrl(url, null)).isNull();
        assertThat(url.clientConfig("spool", 1000, null).isSsl()).isFalse();
        assertThatThrownBy(() -> TlsContext.forUrl(url, TlsSettings.DEFAULTS)).isInstanceOf(SpoolException.class)
                .hasMessageContaining("use rediss://");
    }

    @Test
    void defaultsAndLegacyPasswordForms() {
        assertThat(RedisUrl.parse("redis://127.0.0.1")).isEqualTo(new RedisUrl(false, null, null, "127.0.0.1", 6379, 0));
        assertThat(RedisUrl.parse("redis://:pw@localhost:7000")).isEqualTo(new RedisUrl(false, null, "pw", "localhost", 7000, 0));
        assertThat(RedisUrl.parse("redis://pw@localhost")).isEqualTo(new RedisUrl(false, null, "pw", "localhost", 6379, 0));
        assertThat(RedisUrl.parse("redis://[::1]:6379/0").host()).isEqualTo("::1");
        assertThat(RedisUrl.parse("redis://:pw@localhost").toString()).isEqualTo("redis://:***@localhost:6379");
    }

    @Test
    void rejectsBadUrlsWithoutShowingPasswords() {
        assertThatThrownBy(() -> RedisUrl.parse("http://u:hunter2@host")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("redis://").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUrl.parse("redis://u:hunter2@host/zero")).isInstanceOf(SpoolException.class)
                .hasMessageContaining("database").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUrl.parse("")).isInstanceOf(SpoolException.class);
        assertThat(RedisUrl.redact("redis://u:hunter2@host:1/0")).isEqualTo("redis://***@host:1/0");
    }

    @Test
    void namesAreValidated() {
        assertThatThrownBy(() -> new Keys("a:b")).isInstanceOf(SpoolException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> new Keys("ns").queue("x{y}")).isInstanceOf(SpoolException.class);
        assertThat(new Keys("spool").queue("images").ready()).isEqualTo("spool:{spool:images}:ready");
        assertThat(new Keys("spool").queue("images").job("abc")).isEqualTo("spool:{spool:images}:job:abc");
    }
}
