package org.nedsj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** A report names what its baselines read. */
class BaselineSettingsTest {

    private static BaselineSettings from(String overrides) {
        return BaselineSettings.fromConfig(ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.defaultReference()).getConfig("eval.baselines"));
    }

    @Test
    void theDescriptionNamesTheComponentsAndTheLags() {
        assertEquals("decoders read the 32 leading principal components of each neural modality's z-scored spikes "
                + "(eval.baselines.pca-components; every neuron where a session has no more); ridge at 8 lags, "
                + "logistic regression on trial means (λ by 5-fold cross-validation on the training trials), Poisson GLM "
                + "per neuron from behaviour", from("").describe());
        assertTrue(from("eval.baselines.logistic.folds = 0").describe()
                .contains("logistic regression on trial means (λ by the validation trials)"));
        String wide = from("eval.baselines { pca-components = 500, ridge.lags-before = 1, ridge.lags-after = 0 }").describe();
        assertTrue(wide.startsWith("decoders read the 500 leading principal components"), wide);
        assertTrue(wide.contains("ridge at 2 lags"), wide);
        assertEquals("none", from("eval.baselines.enabled = false").describe());
    }

    @Test
    void oneFoldIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from("eval.baselines.logistic.folds = 1"));
        assertEquals("eval.baselines.logistic.folds must be 0 (λ chosen on the validation trials) or ≥ 2, got 1", e.getMessage());
    }
}
