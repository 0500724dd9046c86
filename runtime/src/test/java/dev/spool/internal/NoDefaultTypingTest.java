package dev.spool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build if anyone enables Jackson's polymorphic default typing (or type ids) in Spool's
 * own code: payloads must decode to declared types only, never to a class a payload names.
 */
class NoDefaultTypingTest {

    private static final List<String> FORBIDDEN = List.of("activateDefaultTyping", "enableDefaultTyping",
            "activateDefaultTypingAsProperty", "JsonTypeInfo", "setDefaultTyping", "DefaultTypeResolverBuilder",
            "ObjectInputStream", "LaissezFaireSubTypeValidator");

    @Test
    void noSourceOfTheProjectEnablesDefaultTyping() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        assertThat(root).as("project root").isNotNull();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String word : FORBIDDEN) {
                    if (text.contains(word)) {
                        offenders.add(root.relativize(file) + ": " + word);
                    }
                }
            }
        }
        assertThat(offenders).as("polymorphic typing or Java serialization in main code").isEmpty();
    }

    @Test
    void theMapperHasNoDefaultTyper() {
        var mapper = new Codec(1024).mapper();
        assertThat(mapper.getDeserializationConfig().getDefaultTyper(
                mapper.constructType(Object.class))).isNull();
        assertThat(mapper.getSerializationConfig().getDefaultTyper(
                mapper.constructType(Object.class))).isNull();
    }
}
