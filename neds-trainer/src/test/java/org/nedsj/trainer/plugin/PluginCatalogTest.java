package org.nedsj.trainer.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalitySpec;

class PluginCatalogTest {

    @TempDir
    Path tmp;

    private DiscoveredPlugins discovered;

    @AfterEach
    void close() {
        if (discovered != null) {
            discovered.close();
        }
    }

    private static PluginCatalog catalog(DiscoveredPlugin... plugins) {
        return Guice.createInjector(new PluginModule(DiscoveredPlugins.of(List.of(plugins), PluginCatalogTest.class.getClassLoader())))
                .getInstance(PluginCatalog.class);
    }

    private PluginCatalog labCatalog() {
        LabPluginJar.write(tmp, "lab.jar", "lab-test");
        discovered = PluginDiscovery.discover(getClass().getClassLoader(), Optional.of(new PluginDirectory(tmp, "test", true)));
        return Guice.createInjector(new PluginModule(discovered)).getInstance(PluginCatalog.class);
    }

    private static Config masking(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseString(LabPluginJar.REFERENCE_CONF))
                .resolve().getConfig("masking");
    }

    private final DataSourceFactory alf = TestFactories.dataSource("ibl-alf");
    private final DataSourceFactory prepared = TestFactories.dataSource("prepared");

    @Test
    void findsAFactoryByTheNameAConfigGives() {
        PluginCatalog catalog = catalog(TestFactories.plugin("ibl", "ibl.jar", List.of(alf, prepared), List.of()));
        Config config = ConfigFactory.parseString("data.source = prepared");
        assertSame(prepared, catalog.dataSource(config, "data.source"));
        assertSame(alf, catalog.factory(ExtensionPoint.DATA_SOURCE, "data.source", "ibl-alf"));
        assertEquals(List.of("ibl-alf", "prepared"), catalog.names(ExtensionPoint.DATA_SOURCE));
    }

    @Test
    void anUnknownNameNamesTheKeyTheNameAndTheAvailableNames() {
        PluginCatalog catalog = catalog(TestFactories.plugin("ibl", "ibl.jar", List.of(prepared, alf), List.of()));
        UnknownFactoryException e = assertThrows(UnknownFactoryException.class,
                () -> catalog.factory(ExtensionPoint.DATA_SOURCE, "data.source", "ibll"));
        assertEquals("data.source = 'ibll': no data source of that name; available: ibl-alf, prepared", e.getMessage());
        assertEquals(List.of("ibl-alf", "prepared"), e.available());
    }

    @Test
    void anUnknownNameReadFromAConfigAlsoSaysWhereItWasSet() {
        PluginCatalog catalog = catalog(TestFactories.plugin("ibl", "ibl.jar", List.of(alf), List.of()));
        Config config = ConfigFactory.parseString("data {\n  source = ibll\n}", ConfigParseOptions.defaults().setOriginDescription("exp.conf"));
        UnknownFactoryException e = assertThrows(UnknownFactoryException.class, () -> catalog.dataSource(config, "data.source"));
        assertEquals("data.source = 'ibll' (exp.conf: 2): no data source of that name; available: ibl-alf", e.getMessage());
    }

    @Test
    void anExtensionPointNobodyProvidesSaysSo() {
        PluginCatalog catalog = catalog();
        UnknownFactoryException e = assertThrows(UnknownFactoryException.class,
                () -> catalog.factory(ExtensionPoint.MODALITY_DECODER, "model.modalities.wheel.decoder", "regression"));
        assertTrue(e.getMessage().endsWith("available: none (no plugin provides a modality decoder)"), e.getMessage());
    }

    @Test
    void anEncoderMustSupportTheModality() {
        PluginCatalog catalog = catalog(TestFactories.plugin("model", "model.jar", List.of(), List.of(
                TestFactories.encoder("stitched-spikes", ModalitySpec.Kind.NEURAL_COUNTS),
                TestFactories.encoder("dynamic", ModalitySpec.Kind.DYNAMIC_CONTINUOUS))));
        Config config = ConfigFactory.parseString("model.modalities.wheel.encoder = stitched-spikes");
        ModalitySpec wheel = ModalitySpec.dynamicBehaviour("wheel", 100);
        UnknownFactoryException e = assertThrows(UnknownFactoryException.class,
                () -> catalog.modalityEncoder(config, "model.modalities.wheel.encoder", wheel));
        assertTrue(e.getMessage().startsWith("model.modalities.wheel.encoder = 'stitched-spikes' (String: 1): the modality encoder"
                + " cannot handle modality 'wheel' of kind DYNAMIC_CONTINUOUS; ones that can: dynamic"),
                e.getMessage());
        assertEquals("dynamic", catalog.modalityEncoder(ConfigFactory.parseString("e = dynamic"), "e", wheel).name());
    }

    @Test
    void listsEachPluginWithOriginAndWhatItProvides() {
        PluginCatalog catalog = labCatalog();
        PluginListing lab = catalog.listings().stream().filter(l -> l.name().equals("lab-test")).findFirst().orElseThrow();
        assertEquals(tmp.resolve("lab.jar").toAbsolutePath().toString(), lab.origin().location());
        assertEquals(List.of(
                new PluginListing.ProvidedFactory(ExtensionPoint.MASKING_SCHEME, "test-scheme", "hides the first masking.test-scheme.width tokens of every modality"),
                new PluginListing.ProvidedFactory(ExtensionPoint.MASKING_SCHEME, "test-alternating", "plans trial i with scheme i mod n of masking.test-alternating.schemes")),
                lab.provides());
        assertEquals(tmp.toAbsolutePath(), catalog.pluginDirectory().orElseThrow().path());
    }

    @Test
    void createsAPluginSchemeByNameWithItsConfiguration() {
        MaskingScheme scheme = labCatalog().maskingSchemes(masking("masking.test-scheme.width = 3")).create("test-scheme");
        MaskPlan plan = scheme.plan(TestBatches.wheelAndChoice(4), 7);
        assertEquals(4 * 3, plan.hiddenCount("wheel"));
        assertEquals(4, plan.hiddenCount("choice"));
        assertTrue(plan.isTarget("wheel", 2, 2) && !plan.isHidden("wheel", 2, 3));
    }

    @Test
    void aCombiningSchemeCreatesTheSchemesItNamesThroughTheCatalog() {
        PluginCatalog catalog = labCatalog();
        Config masking = masking("masking { test-scheme.width = 1, test-alternating.schemes = [test-scheme, test-scheme] }");
        MaskPlan plan = catalog.maskingSchemes(masking).create("test-alternating").plan(TestBatches.wheelAndChoice(3), 1);
        assertEquals(3, plan.hiddenCount("wheel"));
        assertEquals("test-scheme", plan.scheme(1));
        Config chosenBy = ConfigFactory.parseString("masking.eval = test-alternating");
        assertEquals("test-alternating", catalog.maskingScheme(masking, chosenBy, "masking.eval").name());
    }

    @Test
    void anUnknownSchemeInsideACombiningSchemeNamesBothAndTheAvailableOnes() {
        PluginCatalog catalog = labCatalog();
        MaskingSchemeFactory.SchemeCatalog schemes = catalog.maskingSchemes(masking("masking.test-alternating.schemes = [tset-scheme]"));
        UnknownFactoryException e = assertThrows(UnknownFactoryException.class, () -> schemes.create("test-alternating"));
        assertTrue(e.getMessage().startsWith("masking scheme 'tset-scheme' (named by scheme 'test-alternating'): no masking scheme of that name; available: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("test-alternating") && e.getMessage().contains("test-scheme"), e.getMessage());
    }

    @Test
    void aSchemeThatContainsItselfIsAnErrorShowingTheChain() {
        PluginCatalog catalog = labCatalog();
        MaskingSchemeFactory.SchemeCatalog schemes = catalog.maskingSchemes(masking("masking.test-alternating.schemes = [test-scheme, test-alternating]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schemes.create("test-alternating"));
        assertTrue(e.getMessage().contains("test-alternating -> test-alternating"), e.getMessage());
    }
}
