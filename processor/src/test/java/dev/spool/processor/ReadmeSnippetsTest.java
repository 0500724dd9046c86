package dev.spool.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The README cannot drift from the code: every Java snippet in it is compiled, with Spool's
 * processor, against the runtime; and its {@code pom.xml} is, to the byte, the one of {@code
 * samples/quickstart}, which the build compiles and runs as a project of its own.
 *
 * <p>How snippets become sources: type declarations (a line starting with {@code class}, {@code
 * interface}, {@code record} or {@code enum}, up to the {@code }} at the start of a line) are files
 * of package {@code com.example}; the other lines of a snippet are statements of one method, in a
 * class that declares the variables the README's prose talks about ({@code spool}, {@code image},
 * {@code context}, ...). A method body {@code { ... }} stands for the user's code. Types the README
 * uses but does not declare ({@code ImageRef}, {@code Receipt}, ...) are declared here. Annotation
 * lines just before a type declaration belong to it. The Spring and {@code spool-test} annotations
 * the README uses, and {@code SpoolTracing} with OpenTelemetry's interface, are stand-ins of the same
 * names here (those modules build after the processor).
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public |abstract |final |sealed )*(?:class|interface|record|enum) (\\w+)");
    private static final Pattern BODY = Pattern.compile("\\{ \\.\\.\\. }");

    /** Single-type imports for the names the snippets use; a wildcard would make {@code Chain} ambiguous. */
    private static final List<String> IMPORTS = List.of(
            "dev.spool.Job", "dev.spool.JobContext", "dev.spool.JobOptions", "dev.spool.JobQueue", "dev.spool.JobStatus",
            "dev.spool.Spool", "dev.spool.SpoolLock",
            "dev.spool.TaskInstanceProvider", "dev.spool.TlsOptions", "dev.spool.annotations.Chain",
            "dev.spool.annotations.Chord", "dev.spool.annotations.MissedTicks", "dev.spool.annotations.Periodic",
            "dev.spool.annotations.Task", "dev.spool.annotations.Unique", "dev.spool.worker.Worker", "dev.spool.workflow.Workflow",
            "dev.spool.workflow.WorkflowJob", "dev.spool.workflow.WorkflowFailure", "dev.spool.workflow.WorkflowContext", "dev.spool.spi.TypeRef",
            "dev.spool.workflow.Dag", "jakarta.inject.Inject", "java.time.Duration", "java.util.List", "java.util.ArrayList",
            "java.util.Map", "java.util.Optional", "java.nio.file.Path", "java.util.concurrent.CompletableFuture", "dev.spool.test.SpoolTest",
            "org.junit.jupiter.api.Test", "static org.junit.jupiter.api.Assertions.assertEquals",
            "org.springframework.beans.factory.annotation.Autowired", "org.springframework.stereotype.Service",
            "dev.spool.opentelemetry.SpoolTracing", "io.opentelemetry.api.OpenTelemetry");

    /** Stand-ins for annotations of modules that build after the processor: name, then source. */
    private static final Map<String, String> STAND_INS = Map.of(
            "dev.spool.test.SpoolTest", "package dev.spool.test;\n"
                    + "public @interface SpoolTest { boolean inline() default false; boolean worker() default false; }",
            "org.springframework.beans.factory.annotation.Autowired",
            "package org.springframework.beans.factory.annotation;\npublic @interface Autowired {}",
            "org.springframework.stereotype.Service", "package org.springframework.stereotype;\npublic @interface Service {}",
            "io.opentelemetry.api.OpenTelemetry", "package io.opentelemetry.api;\npublic interface OpenTelemetry {}",
            "dev.spool.opentelemetry.SpoolTracing", "package dev.spool.opentelemetry;\npublic final class SpoolTracing {"
                    + " public static SpoolTracing create(io.opentelemetry.api.OpenTelemetry otel) { return new SpoolTracing(); }"
                    + " public dev.spool.worker.JobInterceptor interceptor() { return (job, next) -> next.proceed(); } }");

    /** What the README's snippets take for granted; each is left out if the README declares it. */
    private static final Map<String, String> CONTEXT = new LinkedHashMap<>();

    static {
        CONTEXT.put("ImageRef", "public record ImageRef(String uri, int width, int height) {}");
        CONTEXT.put("Thumbnail", "public record Thumbnail(String uri, int width, int height) {}");
        CONTEXT.put("Album", "public record Album(String title, List<Thumbnail> thumbnails) {}");
        CONTEXT.put("Receipt", "public record Receipt(String url, long bytes) {}");
        CONTEXT.put("PhotoMetadata", "public record PhotoMetadata(String camera) {}");
        CONTEXT.put("PhotoReport", "public record PhotoReport(PhotoMetadata metadata, List<String> labels) {}");
        CONTEXT.put("Pricing", "public class Pricing { public long withVat(long cents) { return cents; } }");
        CONTEXT.put("BlobStore", "public class BlobStore { public BlobStore(String bucket) {} }");
        CONTEXT.put("ApplicationContext", "public interface ApplicationContext { <T> T getBean(Class<T> type); }");
        CONTEXT.put("Storage", "public class Storage { @Task(queue = \"io\") public Receipt upload(Thumbnail t) {"
                + " return new Receipt(t.uri(), 1); } }");
        CONTEXT.put("Mailer", "public class Mailer { @Task(queue = \"mail\") public String notifyOwner(Receipt r,"
                + " String email) { return email; } }");
        CONTEXT.put("Metadata", "public class Metadata { @Task public PhotoMetadata extract(ImageRef image) {"
                + " return new PhotoMetadata(\"x\"); } }");
        CONTEXT.put("Vision", "public class Vision { @Task public List<String> labels(ImageRef image) {"
                + " return List.of(); } }");
        CONTEXT.put("Reports", "public class Reports { @Task public PhotoReport combine(PhotoMetadata metadata,"
                + " List<String> labels) { return new PhotoReport(metadata, labels); } }");
        CONTEXT.put("Data", "public class Data { @Task public long prepare(long seed) { return seed; }"
                + " @Task public long step(long value, int chain) { return value + chain; }"
                + " @Task public int collect(List<Long> values) { return values.size(); } }");
        CONTEXT.put("Publishing", "public class Publishing {"
                + " @Task public Receipt uploadTo(Thumbnail thumbnail, String destination) { return null; }"
                + " @Task public List<Long> sizes(List<Receipt> receipts) { return List.of(); }"
                + " @Task public String announce(List<Long> sizes, String email) { return email; }"
                + " @Task public String fetch(Integer shard) { return \"\"; }"
                + " @Task public Integer parse(String raw) { return 0; }"
                + " @Task public Long score(Integer parsed) { return 0L; }"
                + " @Task public List<Long> collect(List<Long> scores) { return scores; } }");
        CONTEXT.put("Report", "public record Report(String title) {}");
        CONTEXT.put("ReportStore", "public interface ReportStore { void save(Report report, long fencingToken); }");
        CONTEXT.put("ReadmeContext", String.join("\n",
                "/** The variables the README's statements use. */",
                "abstract class ReadmeContext {",
                "    Spool spool;",
                "    ImageRef image;",
                "    List<ImageRef> images;",
                "    List<Thumbnail> thumbnails;",
                "    String email;",
                "    Job<?> first;",
                "    Job<?> second;",
                "    ThumbnailsTasks tasks;",
                "    ApplicationContext context;",
                "    Report report;",
                "    ReportStore reportStore;",
                "    int shard;",
                "    long rowsSeen;",
                "    String workflowId;",
                "    io.opentelemetry.api.OpenTelemetry openTelemetry;",
                "}"));
    }

    private record Snippet(String language, String text) {}

    private static List<Snippet> snippets(String markdown) {
        List<Snippet> found = new ArrayList<>();
        Matcher matcher = FENCE.matcher(markdown);
        while (matcher.find()) {
            found.add(new Snippet(matcher.group(1), matcher.group(2)));
        }
        return found;
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void everyJavaSnippetCompilesWithTheProcessor() throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        List<String> methods = new ArrayList<>();
        List<Snippet> java = snippets(readme()).stream().filter(s -> s.language().equals("java")).toList();
        assertThat(java).hasSizeGreaterThanOrEqualTo(8);
        for (Snippet snippet : java) {
            List<String> statements = new ArrayList<>();
            List<String> annotations = new ArrayList<>();
            StringBuilder declaration = null;
            String name = null;
            for (String line : BODY.matcher(snippet.text()).replaceAll("{ throw new UnsupportedOperationException(); }")
                    .split("\n", -1)) {
                if (declaration == null && line.startsWith("@")) {
                    annotations.add(line);
                    continue;
                }
                if (declaration != null) {
                    declaration.append(line).append('\n');
                    if (line.equals("}")) {
                        assertThat(types.put(name, declaration.toString())).as("declared twice: " + name).isNull();
                        declaration = null;
                    }
                    continue;
                }
                Matcher type = TYPE.matcher(line);
                if (type.find()) {
                    name = type.group(1);
                    declaration = new StringBuilder();
                    for (String annotation : annotations) {
                        declaration.append(annotation).append('\n');
                    }
                    annotations.clear();
                    declaration.append(line).append('\n');
                    continue;
                }
                statements.addAll(annotations);
                annotations.clear();
                if (!line.startsWith("package ") && !line.startsWith("import ") && !line.isBlank()) {
                    statements.add(line);
                }
            }
            assertThat(declaration).as("unclosed declaration of " + name + " in\n" + snippet.text()).isNull();
            statements.addAll(annotations);
            if (!statements.isEmpty()) {
                methods.add(String.join("\n", statements));
            }
        }
        assertThat(types.keySet()).contains("Thumbnails", "Albums", "Storage", "AppInstances");
        assertThat(methods).hasSizeGreaterThanOrEqualTo(4);

        List<JavaFileObject> sources = new ArrayList<>();
        CONTEXT.forEach((name, source) -> types.putIfAbsent(name, source));
        types.forEach((name, source) -> sources.add(unit(name, source)));
        StringBuilder statements =
                new StringBuilder("/** The README's statements. */\nclass ReadmeStatements extends ReadmeContext {\n");
        for (int i = 0; i < methods.size(); i++) {
            statements.append("    void snippet").append(i).append("() throws Exception {\n")
                    .append(methods.get(i).indent(8)).append("    }\n\n");
        }
        sources.add(unit("ReadmeStatements", statements.append("}\n").toString()));
        STAND_INS.forEach((name, source) -> {
            if (!onClassPath(name)) {
                sources.add(Compilations.source(name, source.split("\n")));
            }
        });
        if (!onClassPath("jakarta.inject.Inject")) {
            sources.add(Compilations.source("jakarta.inject.Inject", "package jakarta.inject;",
                    "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)",
                    "public @interface Inject {}"));
        }

        Compilation compilation =
                Compilations.compile(List.of("-Xlint:-processing"), sources.toArray(JavaFileObject[]::new));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.ThumbnailsTasks");
        assertThat(compilation).generatedSourceFile("com.example.AlbumsWorkflows");
        assertThat(compilation).generatedSourceFile("com.example.PublicationsWorkflows");
        assertThat(compilation).generatedSourceFile("com.example.SpoolWorkerMain");
    }

    private static JavaFileObject unit(String name, String body) {
        String imports = IMPORTS.stream().map(i -> "import " + i + ";").collect(Collectors.joining("\n"));
        return Compilations.source("com.example." + name, "package com.example;", "", imports, "", body);
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void theReadmePomIsTheQuickstartProjectsPom() throws IOException {
        List<String> xml = snippets(readme()).stream().filter(s -> s.language().equals("xml"))
                .map(Snippet::text).toList();
        assertThat(xml).hasSize(1);
        assertThat(Files.readString(ROOT.resolve("samples/quickstart/pom.xml"))).isEqualTo(xml.get(0));
    }

    @Test
    void theReadmeNamesThisVersionOfSpool() throws IOException {
        Matcher parent = Pattern.compile("<artifactId>spool-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(parent.find()).isTrue();
        Set<String> named = new TreeSet<>();
        Matcher matcher = Pattern.compile("<spool.version>([^<]+)</spool.version>").matcher(readme());
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        assertThat(named).containsExactly(parent.group(1));
    }
}
