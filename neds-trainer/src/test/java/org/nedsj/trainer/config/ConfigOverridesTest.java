package org.nedsj.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    @Test
    void setValuesParseAsHocon() {
        Config c = ConfigOverrides.fromSetArguments(List.of(
                "train.epochs=3", "train.lr=1e-3", "train.amp=true", "masking.mixed.schemes=[encoding, decoding]",
                "model.modalities.wheel={encoder = dynamic, dropout = 0.2}", "run.name=\"quoted name\""));
        assertEquals(3, c.getInt("train.epochs"));
        assertEquals(1e-3, c.getDouble("train.lr"), 0);
        assertTrue(c.getBoolean("train.amp"));
        assertEquals(List.of("encoding", "decoding"), c.getStringList("masking.mixed.schemes"));
        assertEquals(0.2, c.getDouble("model.modalities.wheel.dropout"), 0);
        assertEquals("quoted name", c.getString("run.name"));
    }

    @Test
    void aKeyInsideAnObjectOrListGivenWholeNamesItsFlag() {
        String flag = "--set model.modalities.wheel={encoder = dynamic, bounds = [1, {low = 2}]}";
        Config c = ConfigOverrides.fromSetArguments(List.of(flag.substring("--set ".length())));
        assertEquals(flag, c.getValue("model.modalities.wheel.encoder").origin().description());
        assertEquals(flag, c.getList("model.modalities.wheel.bounds").get(1).origin().description());
        assertEquals("dynamic", c.getString("model.modalities.wheel.encoder"));
        assertEquals(List.of(1, Map.of("low", 2)), c.getList("model.modalities.wheel.bounds").unwrapped());
    }

    @Test
    void pathsAndOtherTextHoconCannotReadWholeStayLiteralStrings() {
        Config c = ConfigOverrides.fromSetArguments(List.of(
                "data.path=/data/prepared", "a=/tmp//double", "b=http://host/x", "c=C:\\data", "d=run #3", "e=", "f=my data"));
        assertEquals("/data/prepared", c.getString("data.path"));
        assertEquals("/tmp//double", c.getString("a"));
        assertEquals("http://host/x", c.getString("b"));
        assertEquals("C:\\data", c.getString("c"));
        assertEquals("run #3", c.getString("d"));
        assertEquals("", c.getString("e"));
        assertEquals("my data", c.getString("f"));
    }

    @Test
    void theLastSetOfAKeyWinsAndEachValueRemembersItsFlag() {
        Config c = ConfigOverrides.fromSetArguments(List.of("train.epochs=3", "train.epochs=5"));
        assertEquals(5, c.getInt("train.epochs"));
        assertEquals("--set train.epochs=5", c.getValue("train.epochs").origin().description());
    }

    @Test
    void malformedSetsAreUsageErrors() {
        IllegalArgumentException noEquals = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.fromSetArguments(List.of("data.path")));
        assertEquals("--set data.path: expected key=value, e.g. --set data.path=/data/prepared", noEquals.getMessage());
        IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.fromSetArguments(List.of("data..path=x")));
        assertTrue(badKey.getMessage().startsWith("--set data..path=x: 'data..path' is not a configuration key"), badKey.getMessage());
        IllegalArgumentException badList = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.fromSetArguments(List.of("a=[1, 2")));
        assertTrue(badList.getMessage().startsWith("--set a=[1, 2: the value is not valid HOCON"), badList.getMessage());
    }

    @Test
    void nedsSystemPropertiesAreConfigurationExceptTheLaunchersOwn() {
        Properties p = new Properties();
        p.putAll(Map.of("neds.train.epochs", "7", "neds.plugins.dir", "/opt/plugins", "neds.home", "/opt/neds",
                "user.home", "/home/x", "nedsx.y", "1"));
        Config c = ConfigOverrides.fromSystemProperties(p);
        assertEquals(7, c.getInt("train.epochs"));
        assertEquals("/opt/plugins", c.getString("plugins.dir"));
        assertFalse(c.hasPath("home"));
        assertEquals(ConfigFactory.parseString("train.epochs = 7, plugins.dir = \"/opt/plugins\"").root(), c.root());
        assertEquals("-Dneds.train.epochs=7", c.getValue("train.epochs").origin().description());
    }

    @org.junit.jupiter.api.Test
    void aStringSetVerbatimSurvivesSpacesColonsAndQuotes() {
        String path = "/data/my \"ibl\" runs: 2026/prepared";
        org.junit.jupiter.api.Assertions.assertEquals(path,
                ConfigOverrides.fromSetArguments(java.util.List.of(ConfigOverrides.setString("data.path", path)))
                        .getString("data.path"));
    }
}
