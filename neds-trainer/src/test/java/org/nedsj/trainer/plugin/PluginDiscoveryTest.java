package org.nedsj.trainer.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.NedsPlugin;

class PluginDiscoveryTest {

    private static final ClassLoader APP = PluginDiscoveryTest.class.getClassLoader();

    @TempDir
    Path tmp;

    private Optional<PluginDirectory> dir(Path path) {
        return Optional.of(new PluginDirectory(path, "test", true));
    }

    private static DiscoveredPlugin only(DiscoveredPlugins found, String name) {
        List<DiscoveredPlugin> matching = found.all().stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, matching.size(), () -> "plugins named " + name + " in " + found.all());
        return matching.get(0);
    }

    @Test
    void aJarInThePluginDirectoryIsOnePluginWithItsJarAsOrigin() {
        Path jar = LabPluginJar.write(tmp.resolve("plugins"), "lab.jar", "lab-test");
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp.resolve("plugins")))) {
            DiscoveredPlugin lab = only(found, "lab-test");
            assertEquals(PluginOrigin.Source.PLUGIN_DIRECTORY, lab.origin().source());
            assertEquals(jar.toAbsolutePath().toString(), lab.origin().location());
            assertEquals(List.of("test-scheme", "test-alternating"),
                    ExtensionPoint.MASKING_SCHEME.contributedBy(lab).stream().map(f -> f.name()).toList());
            assertEquals(tmp.resolve("plugins").toAbsolutePath(), found.directory().orElseThrow().path());
        }
    }

    @Test
    void pluginClassesLoadFromTheirJarButTheContractIsShared() throws Exception {
        LabPluginJar.write(tmp, "lab.jar", "lab-test");
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp))) {
            NedsPlugin plugin = only(found, "lab-test").plugin();
            assertInstanceOf(PluginClassLoader.class, plugin.getClass().getClassLoader());
            Class<?> contractSeenByPlugin = plugin.getClass().getClassLoader().loadClass(NedsPlugin.class.getName());
            assertSame(NedsPlugin.class, contractSeenByPlugin);
            assertSame(Config.class, plugin.getClass().getClassLoader().loadClass(Config.class.getName()));
            assertNotSame(APP, plugin.getClass().getClassLoader());
        }
    }

    @Test
    void theResourceLoaderSeesEachPluginsReferenceConf() {
        LabPluginJar.write(tmp, "lab.jar", "lab-test");
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp))) {
            Config reference = ConfigFactory.parseResources(found.resourceLoader(), "reference.conf").resolve();
            assertEquals(2, reference.getInt("masking.test-scheme.width"));
            assertEquals("", reference.getString("plugins.dir"), "the application's own reference.conf is still seen");
        }
        try (DiscoveredPlugins withoutDirectory = PluginDiscovery.discover(APP, Optional.empty())) {
            Config reference = ConfigFactory.parseResources(withoutDirectory.resourceLoader(), "reference.conf");
            assertTrue(!reference.hasPath("masking.test-scheme"), "a plugin's reference.conf is only seen when it is loaded");
        }
    }

    @Test
    void aSubFolderIsOnePluginMadeOfAllItsJars() throws Exception {
        Path folder = tmp.resolve("plugins/lab");
        Path jar = LabPluginJar.write(folder, "lab-core.jar", "lab-test");
        LabPluginJar.writeJar(folder.resolve("lab-lib.jar"), Map.of("lab/library.txt", "from the library jar".getBytes(UTF_8)));
        Files.writeString(tmp.resolve("plugins/README.txt"), "not a plugin");
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp.resolve("plugins")))) {
            DiscoveredPlugin lab = only(found, "lab-test");
            assertEquals(jar.toAbsolutePath().toString(), lab.origin().location());
            ClassLoader loader = lab.plugin().getClass().getClassLoader();
            assertEquals("from the library jar", new String(loader.getResourceAsStream("lab/library.txt").readAllBytes(), UTF_8));
        }
    }

    @Test
    void aMissingDirectoryIsAnErrorOnlyWhenAUserNamedIt() {
        Path missing = tmp.resolve("no-such-folder");
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginDiscovery.discover(APP,
                Optional.of(new PluginDirectory(missing, "plugins.dir (--set plugins.dir=x)", true))));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--set plugins.dir=x"), e.getMessage());
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, Optional.of(new PluginDirectory(missing, "-Dneds.home", false)))) {
            assertTrue(found.all().stream().noneMatch(p -> p.origin().source() == PluginOrigin.Source.PLUGIN_DIRECTORY));
        }
    }

    @Test
    void aBrokenServiceEntryIsRecordedWithTheJarAndLeftOut() {
        Path jar = LabPluginJar.writeJar(tmp.resolve("broken.jar"),
                Map.of("META-INF/services/" + NedsPlugin.class.getName(), "org.example.Missing\n".getBytes(UTF_8)));
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp))) {
            assertEquals(1, found.broken().size(), found.broken().toString());
            BrokenPlugin broken = found.broken().get(0);
            assertEquals(jar.toAbsolutePath().toString(), broken.location());
            assertTrue(broken.cause().contains("org.example.Missing"), broken.cause());
            assertTrue(found.all().stream().noneMatch(p -> p.origin().source() == PluginOrigin.Source.PLUGIN_DIRECTORY));
        }
    }

    @Test
    void aJarWithoutAServiceEntryProvidesNoPlugin() {
        LabPluginJar.writeJar(tmp.resolve("library.jar"), Map.of("data.txt", "x".getBytes(UTF_8)));
        try (DiscoveredPlugins found = PluginDiscovery.discover(APP, dir(tmp))) {
            assertTrue(found.all().stream().noneMatch(p -> p.origin().source() == PluginOrigin.Source.PLUGIN_DIRECTORY));
        }
    }

    @Test
    void classPathPluginsComeWithTheJarTheyWereLoadedFrom() {
        PluginOrigin origin = PluginOrigin.classpath(Test.class);
        assertEquals(PluginOrigin.Source.CLASSPATH, origin.source());
        assertTrue(origin.location().endsWith(".jar"), origin.location());
        assertTrue(origin.toString().startsWith("classpath ("), origin.toString());
    }
}
