package org.nedsj.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.trainer.plugin.LabPluginJar;
import org.nedsj.trainer.plugin.PluginConflictException;
import org.nedsj.trainer.plugin.PluginListing;
import org.nedsj.trainer.plugin.PluginOrigin;
import org.nedsj.trainer.plugin.TestBatches;
import org.nedsj.trainer.plugin.UnknownFactoryException;

/** The whole start-up with a lab's plugin jar in the plugin directory and the real class path. */
class ExperimentContextTest {

    @TempDir
    Path tmp;

    private static Properties properties(String... nameValue) {
        Properties p = new Properties();
        for (int i = 0; i < nameValue.length; i += 2) {
            p.setProperty(nameValue[i], nameValue[i + 1]);
        }
        return p;
    }

    private Path experiment(String text) throws IOException {
        Files.writeString(tmp.resolve("base.conf"), "masking.test-scheme.width = 4\n");
        return Files.writeString(tmp.resolve("exp.conf"), "include \"base.conf\"\n" + text);
    }

    @Test
    void aPluginInThePluginDirectoryIsSelectableByNameFromAnExperiment() throws IOException {
        Path jar = LabPluginJar.write(tmp.resolve("plugins"), "lab.jar", "lab-test");
        Path exp = experiment("masking {\n  test-scheme.width = 3\n  test-alternating.schemes = [test-scheme]\n}\n");
        ExperimentSources sources = new ExperimentSources(Optional.of(exp), List.of("plugins.dir=" + tmp.resolve("plugins")), new Properties());
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            PluginListing lab = context.plugins().listings().stream().filter(l -> l.name().equals("lab-test")).findFirst().orElseThrow();
            assertEquals(new PluginOrigin(PluginOrigin.Source.PLUGIN_DIRECTORY, jar.toAbsolutePath().toString()), lab.origin());

            Config masking = context.config().getConfig("masking");
            List<MaskingScheme> chosen = masking.getStringList("test-alternating.schemes").stream()
                    .map(context.plugins().maskingSchemes(masking)::create).toList();
            MaskPlan plan = chosen.get(0).plan(TestBatches.wheelAndChoice(2), 0);
            assertEquals(2 * 3, plan.hiddenCount("wheel"), "the experiment's width reached the plugin's scheme");
        }
    }

    @Test
    void aPluginsReferenceConfGivesDefaultsAndItsKeysAreChecked() throws IOException {
        LabPluginJar.write(tmp.resolve("plugins"), "lab.jar", "lab-test");
        Properties props = properties("neds.plugins.dir", tmp.resolve("plugins").toString());
        try (ExperimentContext context = ExperimentContext.open(new ExperimentSources(Optional.empty(), List.of(), props))) {
            assertEquals(2, context.config().getInt("masking.test-scheme.width"), "the default from the plugin's reference.conf");
        }
        Path exp = experiment("masking.test-scheme.widht = 3\n");
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class,
                () -> ExperimentContext.open(new ExperimentSources(Optional.of(exp), List.of(), props)));
        assertEquals(List.of("unknown key 'masking.test-scheme.widht' (" + exp + ", line 2); nearest valid key: masking.test-scheme.width."
                + " Every key must be declared in a module's or plugin's reference.conf"), e.problems());
    }

    @Test
    void withoutThePluginItsKeysAreUnknown() throws IOException {
        Path exp = experiment("");
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class,
                () -> ExperimentContext.open(new ExperimentSources(Optional.of(exp), List.of(), new Properties())));
        assertTrue(e.getMessage().contains("unknown key 'masking.test-scheme.width' (" + tmp.resolve("base.conf") + ", line 1)"), e.getMessage());
    }

    @Test
    void theDistributionsPluginFolderIsTheDefault() {
        LabPluginJar.write(tmp.resolve("neds/plugins"), "lab.jar", "lab-test");
        Properties props = properties("neds.home", tmp.resolve("neds").toString());
        try (ExperimentContext context = ExperimentContext.open(new ExperimentSources(Optional.empty(), List.of(), props))) {
            assertEquals(tmp.resolve("neds/plugins"), context.plugins().pluginDirectory().orElseThrow().path());
            assertEquals(List.of("test-alternating", "test-scheme"),
                    context.plugins().names(org.nedsj.trainer.plugin.ExtensionPoint.MASKING_SCHEME).stream()
                            .filter(n -> n.startsWith("test-")).toList());
        }
        try (ExperimentContext context = ExperimentContext.open(new ExperimentSources(Optional.empty(), List.of(),
                properties("neds.home", tmp.resolve("elsewhere").toString())))) {
            assertTrue(context.plugins().listings().stream().noneMatch(l -> l.name().equals("lab-test")),
                    "a distribution without a plugins folder starts with class-path plugins only");
        }
    }

    @Test
    void duplicatePluginJarsStopStartUp() {
        Path a = LabPluginJar.write(tmp.resolve("plugins"), "lab-a.jar", "lab-a");
        Path b = LabPluginJar.write(tmp.resolve("plugins"), "lab-b.jar", "lab-b");
        PluginConflictException e = assertThrows(PluginConflictException.class, () -> ExperimentContext.open(
                new ExperimentSources(Optional.empty(), List.of("plugins.dir=" + tmp.resolve("plugins")), new Properties())));
        assertTrue(e.getMessage().contains("two plugins offer the masking scheme 'test-scheme': plugin 'lab-a' (" + a.toAbsolutePath()
                + ") and plugin 'lab-b' (" + b.toAbsolutePath() + ")"), e.getMessage());
    }

    @Test
    void anUnknownSchemeNameListsTheAvailableOnes() throws IOException {
        LabPluginJar.write(tmp.resolve("plugins"), "lab.jar", "lab-test");
        Path exp = experiment("masking.test-alternating.schemes = [tset-scheme]\n");
        try (ExperimentContext context = ExperimentContext.open(
                new ExperimentSources(Optional.of(exp), List.of("plugins.dir=" + tmp.resolve("plugins")), new Properties()))) {
            Config masking = context.config().getConfig("masking");
            UnknownFactoryException e = assertThrows(UnknownFactoryException.class,
                    () -> context.plugins().maskingSchemes(masking).create("test-alternating"));
            assertTrue(e.getMessage().contains("'tset-scheme' (named by scheme 'test-alternating'): no masking scheme of that name; available: "), e.getMessage());
            assertTrue(e.available().contains("test-scheme"), e.getMessage());
        }
    }

    @Test
    void theInjectorHoldsTheConfigAndFurtherModules() throws IOException {
        Path exp = experiment("").resolveSibling("plain.conf");
        Files.writeString(exp, "plugins.dir = \"\"\n");
        AbstractModule trainer = new AbstractModule() {
            @Override
            protected void configure() {
                bind(String.class).toInstance("trainer module");
            }
        };
        try (ExperimentContext context = ExperimentContext.open(new ExperimentSources(Optional.of(exp), List.of(), new Properties()), trainer)) {
            assertEquals(context.config(), context.injector().getInstance(Config.class));
            assertEquals("trainer module", context.injector().getInstance(String.class));
        }
    }

    @Test
    void writesTheResolvedConfigWithThePluginsInUse() throws IOException {
        Path jar = LabPluginJar.write(tmp.resolve("plugins"), "lab.jar", "lab-test");
        Path exp = experiment("");
        try (ExperimentContext context = ExperimentContext.open(
                new ExperimentSources(Optional.of(exp), List.of("plugins.dir=" + tmp.resolve("plugins")), new Properties()))) {
            Path written = context.writeResolvedConfig(tmp.resolve("run"));
            String text = Files.readString(written);
            assertTrue(text.contains("# Plugin lab-test: " + jar.toAbsolutePath()), text);
            assertTrue(text.contains("# Plugin directory: " + tmp.resolve("plugins") + " (from plugins.dir (--set plugins.dir="), text);
            assertTrue(text.contains("# " + tmp.resolve("base.conf") + ": 1\n") && text.contains("width=4\n"), text);
        }
    }
}
