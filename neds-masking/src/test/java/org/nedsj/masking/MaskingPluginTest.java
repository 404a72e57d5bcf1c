package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.NedsPlugin;

class MaskingPluginTest {

    @Test
    void isFoundByTheServiceLoaderAndOffersTheSixSchemes() {
        var plugins = ServiceLoader.load(NedsPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        NedsPlugin masking = plugins.stream().filter(p -> p.name().equals("masking")).findFirst().orElseThrow();
        assertEquals(MaskingPlugin.class, masking.getClass());
        assertEquals(List.of("encoding", "decoding", "self-modality", "cross-modality", "random-token", "mixed"),
                masking.maskingSchemes().stream().map(MaskingSchemeFactory::name).toList());
        for (MaskingSchemeFactory f : masking.maskingSchemes()) {
            assertFalse(f.description().isBlank(), f.name());
            assertEquals(f.name(), new Batches.Catalog(Batches.masking()).create(f.name()).name());
        }
        assertTrue(masking.dataSources().isEmpty() && masking.modalityEncoders().isEmpty()
                && masking.modalityDecoders().isEmpty());
    }

    @Test
    void referenceConfHoldsTheDocumentedDefaults() {
        Config m = Batches.masking();
        assertEquals(0.3, m.getDouble("ratio"));
        assertEquals(1, m.getInt("self-modality.window-min"));
        assertEquals(5, m.getInt("self-modality.window-max"));
        assertEquals("ratio", m.getString("self-modality.static-probability"));
        assertEquals(1, m.getInt("cross-modality.min-hidden"));
        assertEquals("all-but-one", m.getString("cross-modality.max-hidden"));
        assertEquals(1, m.getInt("random-token.window-min"));
        assertEquals(5, m.getInt("random-token.window-max"));
        assertEquals("ratio", m.getString("random-token.static-probability"));
        assertEquals(List.of("encoding", "decoding", "self-modality", "cross-modality", "random-token"),
                m.getStringList("mixed.schemes"));
        assertTrue(m.getDoubleList("mixed.weights").isEmpty());
        assertEquals("trial", m.getString("mixed.draw"));
    }

    @Test
    void everyKeyInReferenceConfHasAComment() {
        Config reference = ConfigFactory.parseResources(MaskingPlugin.class.getClassLoader(), "reference.conf");
        for (var entry : reference.getConfig("masking").entrySet()) {
            var comments = reference.getValue("masking." + entry.getKey()).origin().comments();
            assertFalse(comments.isEmpty(), "masking." + entry.getKey() + " has no comment");
        }
    }

    @Test
    void badValuesFailNamingTheKeyTheValueAndTheFix() {
        assertMessage("self-modality", "masking.ratio = 1.5", "masking.ratio = 1.5", "strictly between 0 and 1");
        assertMessage("random-token", "masking.ratio = 0", "masking.ratio = 0", "strictly between 0 and 1");
        assertMessage("random-token", "masking.random-token.window-min = 0", "masking.random-token.window-min = 0", "at least 1");
        assertMessage("self-modality", "masking.self-modality { window-min = 4, window-max = 2 }",
                "masking.self-modality.window-max = 2", "at least self-modality.window-min (4)");
        assertMessage("self-modality", "masking.self-modality.static-probability = 2",
                "masking.self-modality.static-probability = 2", "[0, 1]");
        assertMessage("random-token", "masking.random-token.static-probability = often",
                "masking.random-token.static-probability", "NUMBER");
        assertMessage("cross-modality", "masking.cross-modality.min-hidden = 0", "masking.cross-modality.min-hidden = 0", "at least 1");
        assertMessage("cross-modality", "masking.cross-modality { min-hidden = 3, max-hidden = 2 }",
                "masking.cross-modality.max-hidden = 2", "all-but-one");
    }

    @Test
    void theMessageSaysWhereTheBadValueWasSet() {
        Config experiment = ConfigFactory.parseString("masking.ratio = 7", ConfigParseOptionsHolder.named("exp.conf"));
        Config masking = experiment.withFallback(ConfigFactory.parseResources(MaskingPlugin.class.getClassLoader(), "reference.conf"))
                .resolve().getConfig("masking");
        var e = assertThrows(IllegalArgumentException.class, () -> new Batches.Catalog(masking).create("random-token"));
        assertTrue(e.getMessage().contains("exp.conf: 1"), e.getMessage());
    }

    @Test
    void aMissingKeySaysTheReferenceConfigWasNotMerged() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Batches.Catalog(ConfigFactory.parseString("ratio = 0.3")).create("random-token"));
        assertTrue(e.getMessage().startsWith("masking.random-token.window-min"), e.getMessage());
        assertTrue(e.getMessage().contains("reference.conf"), e.getMessage());
    }

    @Test
    void staticProbabilityRatioFollowsMaskingRatio() {
        var scheme = (RandomTokenMasking) Batches.scheme("random-token", "masking.ratio = 0.15");
        assertTrue(scheme.toString().contains("static 0.15"), scheme.toString());
    }

    private static void assertMessage(String scheme, String override, String key, String fix) {
        var e = assertThrows(IllegalArgumentException.class, () -> Batches.scheme(scheme, override));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    /** Parse options that give a string an origin name, as a file would have. */
    private static final class ConfigParseOptionsHolder {
        static com.typesafe.config.ConfigParseOptions named(String name) {
            return com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription(name);
        }
    }
}
