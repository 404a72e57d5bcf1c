package org.nedsj.data;

import org.nedsj.prep.align.TrialWindow;
import org.nedsj.prep.align.UnitRules;
import org.nedsj.prep.align.SplitRules;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingConfigTest {

    @Test
    void defaultsAreTheNedsPreprocessing() {
        PreprocessingConfig c = PreprocessingConfig.defaults();
        assertEquals("stimOn_times", c.alignTo());
        assertEquals(new TrialWindow(-0.5, 1.5, 0.02, 100), c.window());
        assertEquals("neds", c.trials().filter());
        assertEquals(0.0, c.trials().minReactionTime());
        assertEquals(10.0, c.trials().maxReactionTime());
        assertEquals(10.0, c.trials().maxFeedbackDelay());
        assertEquals(List.of(0.2, 0.5, 0.8), c.trials().blockLevels());
        assertEquals(new UnitRules(false, 5.0), c.units());
        assertEquals(List.of("iblsorter", "pykilosort", ""), c.sortingCollections());
        assertEquals(new PreprocessingConfig.WheelRules(1000, 8, 20), c.wheel());
        assertEquals("right", c.camera());
        assertEquals(0.02, c.coverageTolerance());
        assertEquals("z-score", c.scaling());
        assertEquals(new SplitRules(0.7, 0.1, 0.2, 42), c.split());
    }

    @Test
    void everyKeyOfTheDataSectionHasAComment() {
        Config data = PreprocessingConfig.referenceData();
        for (Map.Entry<String, ConfigValue> e : data.entrySet()) {
            List<String> comments = e.getValue().origin().comments();
            assertFalse(comments.isEmpty() || comments.get(0).isBlank(), "data." + e.getKey() + " has no comment");
        }
        assertEquals("prepared", data.getString("source"));
        assertEquals("", data.getString("path"));
        assertEquals(List.of(), data.getStringList("sessions"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ibl.window.bin = 0.03|data.ibl.window.bin",
            "ibl.window.end = -1|data.ibl.window.end",
            "ibl.trials.filter = strict|data.ibl.trials.filter",
            "ibl.units.select = some|data.ibl.units.select",
            "ibl.wheel.cutoff = 600|data.ibl.wheel.cutoff",
            "ibl.whisker.camera = top|data.ibl.whisker.camera",
            "ibl.split.test = 0.3|data.ibl.split",
            "ibl.scaling = z|data.ibl.scaling",
            "ibl.units.min-rate = fast|data.ibl"})
    void invalidValuesNameTheirKey(String setting, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PreprocessingConfig.from(ConfigFactory.parseString(setting)));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }

    @Test
    void otherWindowsGiveOtherBinCounts() {
        PreprocessingConfig c = PreprocessingConfig.from(ConfigFactory.parseString("ibl.window { start = -0.2, end = 0.8, bin = 0.01 }"));
        assertEquals(100, c.window().bins());
        assertEquals(50, PreprocessingConfig.from(ConfigFactory.parseString("ibl.window.bin = 0.04")).window().bins());
    }
}
