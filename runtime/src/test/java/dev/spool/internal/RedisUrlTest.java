package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.SpoolException;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void parsesUserPasswordDatabaseAndTls() {
        RedisUrl url = RedisUrl.parse("rediss://app:s3cr%40t@cache.example:6380/2");
        assertThat(url).isEqualTo(new RedisUrl(true, "app", "s3cr@t", "cache.example", 6380, 2));
        assertThat(url.toString()).isEqualTo("rediss://app:***@cache.example:6380/2").doesNotContain("s3cr");
        assertThat(url.clientConfig("spool", 1000).isSsl()).isTrue();
        assertThat(url.clientConfig("spool", 1000).getDatabase()).isEqualTo(2);
        assertThat(url.clientConfig("spool", 1000).getUser()).isEqualTo("app");
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
