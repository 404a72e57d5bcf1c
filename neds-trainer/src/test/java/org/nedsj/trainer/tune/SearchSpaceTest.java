package org.nedsj.trainer.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The space's syntax, its draws (seeded by trial), its grid and its errors. */
class SearchSpaceTest {

    private static SearchSpace space(String text) {
        return SearchSpace.from(ConfigFactory.parseString("space { " + text + " }").getObject("space"));
    }

    @Test
    void readsEveryKindInKeyOrder() {
        SearchSpace s = space("""
                train.lr = "loguniform(1e-4, 1e-3)"
                masking.ratio = "uniform(0.1, 0.4)"
                model.presets.full.hidden = "choice([128, 256, 512])"
                model.presets.full.layers = [5, 6]
                """);
        assertEquals(List.of("masking.ratio", "model.presets.full.hidden", "model.presets.full.layers", "train.lr"), s.keys());
        assertEquals(new Dimension.LogUniform("train.lr", 1e-4, 1e-3, s.dimensions().get(3).origin()), s.dimensions().get(3));
        assertEquals(3, ((Dimension.Choice) s.dimensions().get(1)).values().size());
        assertEquals(List.of(5, 6), ((Dimension.Choice) s.dimensions().get(2)).values().stream().map(ConfigValue::unwrapped).toList());
    }

    @Test
    void drawsStayInRangeDependOnlyOnSeedAndTrialAndSpreadOverTheLogRange() {
        SearchSpace s = space("train.lr = \"loguniform(1e-4, 1e-2)\", masking.ratio = \"uniform(0.1, 0.4)\"");
        int below1e3 = 0;
        for (int trial = 0; trial < 400; trial++) {
            Map<String, ConfigValue> v = s.draw(7, trial);
            double lr = ((Number) v.get("train.lr").unwrapped()).doubleValue();
            double ratio = ((Number) v.get("masking.ratio").unwrapped()).doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            assertTrue(ratio >= 0.1 && ratio <= 0.4, "ratio " + ratio);
            below1e3 += lr < 1e-3 ? 1 : 0;
            assertEquals(v, s.draw(7, trial), "the same seed and trial draw the same values");
        }
        // log-uniform: half the draws below the geometric middle 1e-3 (400 draws: 200 +- 3 sd of 10)
        assertTrue(below1e3 > 170 && below1e3 < 230, "draws below 1e-3: " + below1e3);
        assertNotEquals(s.draw(7, 0), s.draw(8, 0), "another seed draws otherwise");
    }

    @Test
    void theGridEnumeratesEveryCombinationOnceLastKeyFastest() {
        SearchSpace s = space("a.x = [1, 2, 3], b.y = \"choice([u, v])\"");
        assertEquals(6, s.gridSize());
        List<String> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, ConfigValue> p = s.gridPoint(i);
            points.add(p.get("a.x").unwrapped() + "" + p.get("b.y").unwrapped());
        }
        assertEquals(List.of("1u", "1v", "2u", "2v", "3u", "3v"), points);
    }

    @Test
    void malformedEntriesNameKeyFileLineAndTheForm() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space("train.lr = \"logunifrom(1, 2)\""))
                .getMessage().contains("tune.space.train.lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space("train.lr = \"loguniform(0, 1)\""))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space("train.lr = \"uniform(2, 1)\""))
                .getMessage().contains("below"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space("train.lr = 0.1"))
                .getMessage().contains("\"loguniform(a, b)\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space("train.lr = []"))
                .getMessage().contains("at least one value"));
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> space("train.lr = \"uniform(1, 2)\"").gridSize());
        assertTrue(grid.getMessage().contains("grid search steps through listed values only"), grid.getMessage());
    }

    @Test
    void settingsRejectWhatASweepCannotRun() {
        Config base = ConfigFactory.parseString("""
                metric = val.loss, scheduler = asha, trials = 3, max-epochs = 9, grace-epochs = 1, reduction = 3
                concurrency = auto, seed = 1, space { train.lr = [1e-3] }
                """);
        assertEquals(List.of(1, 3, 9), TuneSettings.from(base, null).rungs());
        assertEquals(5, TuneSettings.from(base, 5).trials());
        for (String bad : List.of("scheduler = hyperband", "reduction = 1", "grace-epochs = 10", "metric = r2",
                "concurrency = many", "trials = 0")) {
            Config c = ConfigFactory.parseString(bad).withFallback(base);
            String message = assertThrows(IllegalArgumentException.class, () -> TuneSettings.from(c, null)).getMessage();
            assertTrue(message.startsWith("tune." + bad.substring(0, bad.indexOf(' '))), message);
        }
    }
}
