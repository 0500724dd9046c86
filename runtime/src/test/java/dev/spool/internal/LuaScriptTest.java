package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.localredis.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The scripts as Redis sees them: every resource is loaded under the name that carries its key
 * count, with every include spliced in, under the SHA Redis computes, and with a header that
 * documents every KEYS and ARGV entry its code reads.
 */
class LuaScriptTest {

    private static final Pattern FILE = Pattern.compile("(\\w+)-(\\d+)\\.lua");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^--@include (\\w+)$");
    private static final Pattern KEY = Pattern.compile("KEYS\\[(\\d+)]");
    private static final Pattern ARG = Pattern.compile("ARGV\\[(\\d+)]");
    private static final Pattern ARG_RANGE = Pattern.compile("ARGV\\[(\\d+)\\.\\.]");

    private static Path directory() {
        try {
            return Path.of(LuaScript.class.getResource("/dev/spool/lua").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".lua")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Integer> numbers(Pattern pattern, String text) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    @Test
    void everyShaIsTheOneRedisComputesForTheScript() {
        try (JedisPooled jedis = new JedisPooled(LocalRedis.url())) {
            for (LuaScript script : LuaScript.ALL) {
                assertThat(jedis.scriptLoad(script.source())).as(script.toString()).isEqualTo(script.sha());
            }
        }
    }

    @Test
    void everyScriptFileIsLoadedUnderTheKeyCountInItsName() {
        Set<String> files = new TreeSet<>();
        for (Path file : files(directory())) {
            files.add(file.getFileName().toString());
        }
        Set<String> loaded = new TreeSet<>();
        for (LuaScript script : LuaScript.ALL) {
            loaded.add(script.name() + "-" + script.numKeys() + ".lua");
        }
        assertThat(loaded).hasSize(LuaScript.ALL.size()).isEqualTo(files);
        assertThat(files).allMatch(name -> FILE.matcher(name).matches());
    }

    @Test
    void everyIncludeIsSplicedInWhereItIsNamedAndEveryIncludeIsUsed() {
        Set<String> used = new TreeSet<>();
        for (LuaScript script : LuaScript.ALL) {
            String raw = read(directory().resolve(script.toString()));
            java.util.Deque<String> names = new java.util.ArrayDeque<>();
            Matcher include = INCLUDE.matcher(raw);
            while (include.find()) {
                names.add(include.group(1));
            }
            while (!names.isEmpty()) {
                String name = names.poll();
                used.add(name);
                String helper = read(directory().resolve("includes").resolve(name + ".lua"));
                // an include may include others: each part between its own include lines is spliced as written
                for (String part : INCLUDE.split(helper)) {
                    assertThat(script.source()).as(script + " with " + name).contains(part.strip());
                }
                Matcher nested = INCLUDE.matcher(helper);
                while (nested.find()) {
                    names.add(nested.group(1));
                }
            }
            assertThat(script.source()).as(script.toString()).doesNotContainPattern(INCLUDE.pattern());
            assertThat(script.source().length()).as(script.toString()).isGreaterThanOrEqualTo(raw.length());
        }
        Set<String> helpers = new TreeSet<>();
        for (Path file : files(directory().resolve("includes"))) {
            helpers.add(file.getFileName().toString().replace(".lua", ""));
        }
        assertThat(used).isEqualTo(helpers);
    }

    @Test
    void everyHeaderListsItsKeysAndTheArgvItsCodeReads() {
        for (LuaScript script : LuaScript.ALL) {
            String raw = read(directory().resolve(script.toString()));
            assertThat(raw).as(script.toString()).startsWith("--[[");
            int end = raw.indexOf("]]");
            String header = raw.substring(0, end);
            String code = raw.substring(end + 2);
            Set<Integer> allKeys = new TreeSet<>();
            for (int i = 1; i <= script.numKeys(); i++) {
                allKeys.add(i);
            }
            assertThat(numbers(KEY, header)).as(script + ": KEYS in the header").isEqualTo(allKeys);
            assertThat(numbers(KEY, code)).as(script + ": KEYS the code reads").isSubsetOf(allKeys);

            Set<Integer> documented = numbers(ARG, header);
            int rangeFrom = numbers(ARG_RANGE, header).stream().findFirst().orElse(Integer.MAX_VALUE);
            for (int read : numbers(ARG, code)) {
                assertThat(documented.contains(read) || read >= rangeFrom)
                        .as(script + " reads ARGV[" + read + "], which its header does not list").isTrue();
            }
            assertThat(numbers(ARG, code)).as(script + ": ARGV its header lists").containsAll(documented);
            assertThat(header).as(script.toString()).contains("Returns");
        }
    }

    @Test
    void scriptsNameOnlyScriptsThatExist() {
        Set<String> names = new TreeSet<>();
        for (LuaScript script : LuaScript.ALL) {
            names.add(script.toString());
        }
        for (LuaScript script : LuaScript.ALL) {
            Matcher mention = FILE.matcher(script.source());
            while (mention.find()) {
                assertThat(names).as("a script " + script + " names").contains(mention.group());
            }
        }
    }
}
