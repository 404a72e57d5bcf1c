package org.nedsj.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a small, fixed reference so the expectations do not move when modules add keys. */
class ExperimentConfigLoaderTest {

    static final String REFERENCE = """
            data {
              # the prepared dataset
              path = null
              # the data source that reads it
              source = prepared
            }
            train {
              epochs = 10
              lr = 0.001
              batch-size = 16
            }
            model {
              hidden = 128
              modalities {
                spikes { encoder = stitched-spikes }
              }
              modality-template {
                encoder = ""
                decoder = ""
                dropout = 0.1
              }
            }
            eval.loss-weights {}
            open-sections {
              "model.modalities" = "model.modality-template"
              "eval.loss-weights" = ""
            }
            """;

    @TempDir
    Path tmp;

    private final ExperimentConfigLoader loader = new ExperimentConfigLoader(
            ConfigFactory.parseString(REFERENCE, ConfigParseOptions.defaults().setOriginDescription("reference.conf")));

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Config load(Path file, List<String> sets, Properties properties) {
        return loader.load(new ExperimentSources(Optional.ofNullable(file), sets, properties)).config();
    }

    private Config load(Path file, String... sets) {
        return load(file, List.of(sets), new Properties());
    }

    private static Properties properties(String... nameValue) {
        Properties p = new Properties();
        for (int i = 0; i < nameValue.length; i += 2) {
            p.setProperty(nameValue[i], nameValue[i + 1]);
        }
        return p;
    }

    private ExperimentConfigException rejected(Path file, String... sets) {
        return assertThrows(ExperimentConfigException.class, () -> load(file, sets));
    }

    @Test
    void defaultsComeFromTheReferenceAndTheFileOverridesThem() throws IOException {
        Config c = load(file("exp.conf", "train.epochs = 3\ndata.path = /data/x\n"));
        assertEquals(3, c.getInt("train.epochs"));
        assertEquals(16, c.getInt("train.batch-size"));
        assertEquals("/data/x", c.getString("data.path"));
    }

    @Test
    void anExperimentIncludesABaseFileNextToItAndOverridesIt() throws IOException {
        Files.createDirectories(tmp.resolve("experiments"));
        file("experiments/base.conf", "train { epochs = 20, lr = 0.0005 }\ndata.source = ibl-alf\n");
        Path exp = file("experiments/exp.conf", "include \"base.conf\"\ntrain.epochs = 4\n");
        Config c = load(exp);
        assertEquals(4, c.getInt("train.epochs"), "the experiment overrides its base");
        assertEquals(0.0005, c.getDouble("train.lr"), 0, "the base overrides the reference");
        assertEquals("ibl-alf", c.getString("data.source"));
        assertTrue(c.getValue("train.lr").origin().filename().endsWith("experiments/base.conf"));
    }

    @Test
    void aMissingIncludeIsAnErrorNamingTheFile() throws IOException {
        Path exp = file("exp.conf", "include \"bsae.conf\"\ntrain.epochs = 2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(exp));
        assertTrue(e.getMessage().startsWith(exp + ": include \"bsae.conf\" (in this file or one it includes): there is no such file"),
                e.getMessage());
        Path required = file("required.conf", "include required(\"no-such-base.conf\")\n");
        ConfigException r = assertThrows(ConfigException.class, () -> load(required));
        assertTrue(r.getMessage().contains("no-such-base.conf"), r.getMessage());
    }

    @Test
    void includesNestAndResolveNextToEachIncludingFile() throws IOException {
        Files.createDirectories(tmp.resolve("lab/common"));
        file("lab/common/root.conf", "train.lr = 0.002\n");
        file("lab/common/base.conf", "include \"root.conf\"\ntrain.epochs = 30\n");
        Path exp = file("lab/exp.conf", "include \"common/base.conf\"\n");
        Config c = load(exp);
        assertEquals(30, c.getInt("train.epochs"));
        assertEquals(0.002, c.getDouble("train.lr"), 0);
    }

    @Test
    void setOverridesSystemPropertiesWhichOverrideTheFile() throws IOException {
        Path exp = file("exp.conf", "train { epochs = 1, lr = 0.1, batch-size = 8 }\n");
        Properties props = properties("neds.train.epochs", "2", "neds.train.lr", "0.2");
        Config c = load(exp, List.of("train.epochs=3"), props);
        assertEquals(3, c.getInt("train.epochs"), "--set beats -D");
        assertEquals(0.2, c.getDouble("train.lr"), 0, "-D beats the file");
        assertEquals(8, c.getInt("train.batch-size"), "the file beats the reference");
        assertEquals("--set train.epochs=3", c.getValue("train.epochs").origin().description());
    }

    @Test
    void overridesWorkWithoutAnExperimentFile() {
        Config c = load(null, "data.path=/data/prepared", "model.modalities.wheel.encoder=dynamic");
        assertEquals("/data/prepared", c.getString("data.path"));
        assertEquals("dynamic", c.getString("model.modalities.wheel.encoder"));
    }

    @Test
    void anUnknownKeyNamesItsFileLineAndTheNearestValidKey() throws IOException {
        Path exp = file("exp.conf", "train {\n  epochs = 2\n  lr = 0.01\n}\ntrian.batch-size = 4\n");
        ExperimentConfigException e = rejected(exp);
        assertEquals(List.of("unknown key 'trian.batch-size' (" + exp + ", line 5); nearest valid key: train.batch-size."
                + " Every key must be declared in a module's or plugin's reference.conf"), e.problems());
    }

    @Test
    void anUnknownKeyInAnIncludedFileNamesThatFile() throws IOException {
        Path base = file("base.conf", "\n\nmodel.hiden = 64\n");
        Path exp = file("exp.conf", "include \"base.conf\"\ntrain.epochs = 2\n");
        ExperimentConfigException e = rejected(exp);
        assertTrue(e.getMessage().contains("unknown key 'model.hiden' (" + base + ", line 3); nearest valid key: model.hidden"), e.getMessage());
    }

    @Test
    void everyUnknownKeyIsReportedAtOnce() throws IOException {
        ExperimentConfigException e = rejected(file("exp.conf", "trian.epochs = 1\ndata.pth = x\n"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("'data.pth'") && e.problems().get(0).contains("nearest valid key: data.path"));
        assertTrue(e.problems().get(1).contains("'trian.epochs'") && e.problems().get(1).contains("nearest valid key: train.epochs"));
    }

    @Test
    void unknownKeysFromSetAndSystemPropertiesNameTheirFlag() {
        ExperimentConfigException set = rejected(null, "train.epoch=3");
        assertEquals("configuration problem: unknown key 'train.epoch' (--set train.epoch=3); nearest valid key: train.epochs."
                + " Every key must be declared in a module's or plugin's reference.conf", set.getMessage());
        ExperimentConfigException property = assertThrows(ExperimentConfigException.class,
                () -> load(null, List.of(), properties("neds.data.sorce", "prepared")));
        assertTrue(property.getMessage().contains("unknown key 'data.sorce' (-Dneds.data.sorce=prepared); nearest valid key: data.source"),
                property.getMessage());
    }

    @Test
    void aKeyFarFromAnyKnownOneAlsoListsTheSections() {
        ExperimentConfigException e = rejected(null, "optimiser.beta=0.9");
        assertTrue(e.getMessage().contains("unknown key 'optimiser.beta' (--set optimiser.beta=0.9); nearest valid key: "), e.getMessage());
        assertTrue(e.getMessage().contains(" (not close; the top-level sections are data, eval, model, train)"), e.getMessage());
    }

    @Test
    void aKeyBelowALeafIsUnknown() {
        ExperimentConfigException e = rejected(null, "train.epochs.max=3");
        assertTrue(e.getMessage().contains("unknown key 'train.epochs.max'"), e.getMessage());
    }

    @Test
    void anOpenSectionTakesNewEntriesWithTemplateKeysAndFillsTheirDefaults() throws IOException {
        Config c = load(file("exp.conf", "model.modalities.lfp { encoder = dynamic }\nmodel.modalities.spikes.dropout = 0.3\n"));
        assertEquals("dynamic", c.getString("model.modalities.lfp.encoder"));
        assertEquals(0.1, c.getDouble("model.modalities.lfp.dropout"), 0, "the template gives the defaults");
        assertEquals("", c.getString("model.modalities.lfp.decoder"));
        assertEquals("stitched-spikes", c.getString("model.modalities.spikes.encoder"), "reference entries keep their values");
        assertEquals(0.3, c.getDouble("model.modalities.spikes.dropout"), 0);
    }

    @Test
    void aKeyInsideAnOpenSectionEntryMustBeATemplateKey() throws IOException {
        Path exp = file("exp.conf", "model.modalities.lfp {\n  encoder = dynamic\n  dropuot = 0.2\n}\n");
        ExperimentConfigException e = rejected(exp);
        assertEquals(List.of("unknown key 'model.modalities.lfp.dropuot' (" + exp + ", line 3); nearest valid key: model.modalities.lfp.dropout."
                + " Every key must be declared in a module's or plugin's reference.conf"), e.problems());
    }

    @Test
    void anOpenSectionEntryMustBeASection() {
        ExperimentConfigException e = rejected(null, "model.modalities.lfp=dynamic");
        assertTrue(e.getMessage().contains("'model.modalities.lfp' (--set model.modalities.lfp=dynamic) must be a section: the entries of"
                + " model.modalities take the keys of model.modality-template"), e.getMessage());
    }

    @Test
    void anUncheckedOpenSectionTakesAnyEntry() {
        Config c = load(null, "eval.loss-weights.wheel=2.0", "eval.loss-weights.lfp.inner=1");
        assertEquals(2.0, c.getDouble("eval.loss-weights.wheel"), 0);
        assertEquals(1, c.getInt("eval.loss-weights.lfp.inner"));
    }

    @Test
    void keysAreFollowedThroughTemplatesThatContainOpenSections() {
        ExperimentConfigLoader nested = new ExperimentConfigLoader(ConfigFactory.parseString("""
                sessions {}
                session-template { weight = 1.0, probes {} }
                probe-template { depth = 0 }
                open-sections { sessions = session-template, "session-template.probes" = probe-template }
                """));
        Config c = nested.load(new ExperimentSources(Optional.empty(), List.of("sessions.s1.probes.p0.depth=3"), new Properties())).config();
        assertEquals(3, c.getInt("sessions.s1.probes.p0.depth"));
        assertEquals(1.0, c.getDouble("sessions.s1.weight"), 0);
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class, () -> nested.load(
                new ExperimentSources(Optional.empty(), List.of("sessions.s1.probes.p0.dpeth=3"), new Properties())));
        assertTrue(e.getMessage().contains("unknown key 'sessions.s1.probes.p0.dpeth'"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyFileAndLine() throws IOException {
        Path exp = file("exp.conf", "\ntrain.epochs = yes\ntrain.lr = true\nmodel.modalities.lfp.dropout = [1]\n");
        ExperimentConfigException e = rejected(exp);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("train.lr (" + exp + ", line 3): "), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("model.modalities.lfp.dropout (" + exp + ", line 4): "), e.problems().get(1));
    }

    @Test
    void substitutionsResolveAcrossLayers() throws IOException {
        Config c = load(file("exp.conf", "train.batch-size = ${train.epochs}\n"), "train.epochs=6");
        assertEquals(6, c.getInt("train.batch-size"));
    }

    @Test
    void aMissingExperimentFileIsNamed() {
        Path missing = tmp.resolve("nope.conf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(missing));
        assertEquals("experiment file " + missing + " does not exist or is not a file", e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesFileAndLine() throws IOException {
        Path exp = file("exp.conf", "train {\n  epochs = 2\n  lr = \n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(exp));
        assertTrue(e.getMessage().contains("exp.conf: 3") || e.getMessage().contains("exp.conf: 4"), e.getMessage());
    }

    @Test
    void anOpenSectionDeclarationMustNameAnExistingTemplate() {
        ExperimentConfigLoader broken = new ExperimentConfigLoader(ConfigFactory.parseString(
                "open-sections { \"model.modalities\" = model.no-template }", ConfigParseOptions.defaults().setOriginDescription("model/reference.conf")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.load(new ExperimentSources(Optional.empty(), List.of(), new Properties())));
        assertTrue(e.getMessage().contains("names the template 'model.no-template', which is not a section of any reference.conf"), e.getMessage());
    }
}
