package dev.spool.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code spool-bom} lists every module a user depends on: each module of the parent build, except
 * the suites and samples that are not published, is managed by the BOM at the project's version.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");
    /** Modules that are not artifacts for users: test suites, the benchmark, samples, the BOM itself. */
    private static final Set<String> NOT_PUBLISHED = Set.of("web-browser-tests", "fault-tests", "cluster-tests", "bench",
            "samples", "samples/spring-boot", "spool-bom", "test-support");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A module's own artifactId: the first one after its parent block. */
    private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern MANAGED = Pattern.compile(
            "<groupId>dev\\.spool</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project\\.version}</version>");

    @Test
    void theBomManagesEveryPublishedModule() throws IOException {
        List<String> published = new ArrayList<>();
        Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (modules.find()) {
            String module = modules.group(1);
            if (!NOT_PUBLISHED.contains(module)) {
                Matcher own = OWN_ARTIFACT.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
                assertThat(own.find()).as("artifactId of module %s", module).isTrue();
                published.add(own.group(1));
            }
        }
        List<String> managed = new ArrayList<>();
        Matcher entries = MANAGED.matcher(Files.readString(ROOT.resolve("spool-bom/pom.xml")));
        while (entries.find()) {
            managed.add(entries.group(1));
        }
        assertThat(published).contains("spool-runtime", "spool-web", "spool-micrometer");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }
}
