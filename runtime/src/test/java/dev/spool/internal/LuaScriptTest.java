package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuaScriptTest {

    @Test
    void sharedHelpersAreSplicedIntoEveryScriptThatIncludesThem() {
        assertThat(LuaScript.ALL).allSatisfy(script -> assertThat(script.source()).doesNotContainPattern("(?m)^--@include"));
        assertThat(LuaScript.COMPLETE_JOBS.source()).contains("local function recordCompletions(");
        assertThat(LuaScript.FETCH_JOBS.source()).contains("local function recordCompletions(");
        assertThat(LuaScript.FAIL_JOB.source()).contains("local function appendHistory(");
        assertThat(LuaScript.RECOVER_LEASES.source()).contains("local function appendHistory(");
    }

    @Test
    void theShaIsTheShaOfTheSplicedSource() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                .digest(LuaScript.FETCH_JOBS.source().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(LuaScript.FETCH_JOBS.sha()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
    }
}
