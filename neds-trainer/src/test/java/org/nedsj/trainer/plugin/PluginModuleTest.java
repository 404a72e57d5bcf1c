package org.nedsj.trainer.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalitySpec;

class PluginModuleTest {

    @TempDir
    Path tmp;

    private static DiscoveredPlugins of(DiscoveredPlugin... plugins) {
        return DiscoveredPlugins.of(List.of(plugins), PluginModuleTest.class.getClassLoader());
    }

    @Test
    void bindsEveryFactoryByNameInAMapPerExtensionPoint() {
        DataSourceFactory alf = TestFactories.dataSource("ibl-alf");
        DataSourceFactory prepared = TestFactories.dataSource("prepared");
        Injector injector = Guice.createInjector(new PluginModule(of(
                TestFactories.plugin("ibl", "ibl.jar", List.of(alf, prepared), List.of()),
                TestFactories.plugin("model", "model.jar", List.of(), List.of(TestFactories.encoder("spikes", ModalitySpec.Kind.NEURAL_COUNTS))))));
        Map<String, DataSourceFactory> sources = injector.getInstance(Key.get(new TypeLiteral<Map<String, DataSourceFactory>>() { }));
        assertEquals(Map.of("ibl-alf", alf, "prepared", prepared), sources);
        assertEquals(Map.of(), injector.getInstance(Key.get(new TypeLiteral<Map<String, MaskingSchemeFactory>>() { })));
        assertSame(injector.getInstance(PluginCatalog.class), injector.getInstance(PluginCatalog.class), "one catalog per injector");
    }

    @Test
    void twoFactoriesWithOneNameStopStartUpNamingBothOrigins() {
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> new PluginModule(of(
                TestFactories.plugin("ibl", "/opt/neds/lib/ibl.jar", List.of(TestFactories.dataSource("prepared")), List.of()),
                TestFactories.plugin("lab", "/opt/neds/plugins/lab.jar", List.of(TestFactories.dataSource("prepared")), List.of()))));
        assertTrue(e.getMessage().contains("two plugins offer the data source 'prepared'"), e.getMessage());
        assertTrue(e.getMessage().contains("/opt/neds/lib/ibl.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("/opt/neds/plugins/lab.jar"), e.getMessage());
    }

    @Test
    void oneNameInTwoExtensionPointsIsFine() {
        new PluginModule(of(TestFactories.plugin("a", "a.jar", List.of(TestFactories.dataSource("wheel")),
                List.of(TestFactories.encoder("wheel", ModalitySpec.Kind.DYNAMIC_CONTINUOUS)))));
    }

    @Test
    void twoPluginsWithOneNameStopStartUpNamingBothOrigins() {
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> new PluginModule(of(
                TestFactories.plugin("lab", "/plugins/one.jar", List.of(TestFactories.dataSource("one")), List.of()),
                TestFactories.plugin("lab", "/plugins/two.jar", List.of(TestFactories.dataSource("two")), List.of()))));
        assertTrue(e.getMessage().contains("two plugins are named 'lab': from /plugins/one.jar and from /plugins/two.jar"), e.getMessage());
    }

    @Test
    void theSamePluginJarTwiceInThePluginDirectoryIsAConflictNamingBothJars() {
        Path a = LabPluginJar.write(tmp, "lab-1.0.jar", "lab-test");
        Path b = LabPluginJar.write(tmp, "lab-1.1.jar", "lab-test-newer");
        try (DiscoveredPlugins found = PluginDiscovery.discover(getClass().getClassLoader(),
                Optional.of(new PluginDirectory(tmp, "test", true)))) {
            PluginConflictException e = assertThrows(PluginConflictException.class, () -> new PluginModule(found));
            assertTrue(e.getMessage().contains("two plugins offer the masking scheme 'test-scheme'"), e.getMessage());
            assertTrue(e.getMessage().contains("two plugins offer the masking scheme 'test-alternating'"), e.getMessage());
            assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString()), e.getMessage());
        }
    }

    @Test
    void factoryNamesMustBeLowerCaseWithDashes() {
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> new PluginModule(of(
                TestFactories.plugin("lab", "lab.jar", List.of(TestFactories.dataSource("My_Source")), List.of()))));
        assertTrue(e.getMessage().contains("data source name 'My_Source' of plugin 'lab' (lab.jar) is not lower-case-with-dashes"),
                e.getMessage());
    }

    @Test
    void aPluginReturningNullFactoriesIsNamed() {
        DiscoveredPlugin broken = TestFactories.plugin("broken", "broken.jar", null, List.of());
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> new PluginModule(of(broken)));
        assertTrue(e.getMessage().contains("plugin 'broken' (broken.jar)"), e.getMessage());
    }
}
