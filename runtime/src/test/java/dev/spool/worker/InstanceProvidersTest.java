package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.SpoolException;
import dev.spool.TaskInstanceProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the worker command finds the provider of task instances that need dependency injection. */
class InstanceProvidersTest {

    /** A provider as an application would write one. */
    public static final class Container implements TaskInstanceProvider {
        @Override
        public Object instance(Class<?> type) {
            return type == StringBuilder.class ? new StringBuilder("from the container") : null;
        }
    }

    /** Another one. */
    public static final class OtherContainer implements TaskInstanceProvider {
        @Override
        public Object instance(Class<?> type) {
            return null;
        }
    }

    private final ClassLoader loader = getClass().getClassLoader();

    private ClassLoader listing(Path dir, String... providers) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(TaskInstanceProvider.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader);
    }

    @Test
    void noneWithoutOptionOrServiceFile() {
        assertThat(InstanceProviders.find(null, loader)).isNull();
    }

    @Test
    void theOptionNamesTheClass() {
        TaskInstanceProvider provider = InstanceProviders.find(Container.class.getName(), loader);
        assertThat(provider).isInstanceOf(Container.class);
        assertThat(provider.instance(StringBuilder.class)).hasToString("from the container");
    }

    @Test
    void theServiceFileListsIt(@TempDir Path dir) throws Exception {
        assertThat(InstanceProviders.find(null, listing(dir, Container.class.getName()))).isInstanceOf(Container.class);
    }

    @Test
    void theOptionWinsOverTheServiceFile(@TempDir Path dir) throws Exception {
        ClassLoader listed = listing(dir, Container.class.getName());
        assertThat(InstanceProviders.find(OtherContainer.class.getName(), listed)).isInstanceOf(OtherContainer.class);
    }

    @Test
    void twoListedAreAnErrorNamingBoth(@TempDir Path dir) throws Exception {
        ClassLoader listed = listing(dir, Container.class.getName(), OtherContainer.class.getName());
        assertThatThrownBy(() -> InstanceProviders.find(null, listed)).isInstanceOf(SpoolException.class)
                .hasMessageContaining(Container.class.getName()).hasMessageContaining(OtherContainer.class.getName())
                .hasMessageContaining("--instance-provider");
    }

    @Test
    void badClassNamesAreClearErrors() {
        assertThatThrownBy(() -> InstanceProviders.find("com.example.Missing", loader))
                .hasMessageContaining("no such class");
        assertThatThrownBy(() -> InstanceProviders.find(String.class.getName(), loader))
                .hasMessageContaining("does not implement dev.spool.TaskInstanceProvider");
    }

    @Test
    void theCommandFailsWithExitOneOnABadProvider() {
        assertThat(WorkerCommand.run("--instance-provider", "com.example.Missing")).isEqualTo(1);
    }
}
