package org.nedsj.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    /** One number per trial: categorical accuracies and R² averaged over trials; every other metric pools the scored bins. */
    @Test
    void perTrialMetricsAreTheAccuraciesAndTheTrialMeanR2() {
        assertTrue(MetricNames.perTrial("choice.accuracy"));
        assertTrue(MetricNames.perTrial("block.balanced_accuracy"));
        assertTrue(MetricNames.perTrial("wheel.r2_trial_mean"));
        assertFalse(MetricNames.perTrial("wheel.r2"));
        assertFalse(MetricNames.perTrial("spikes.bps"));
        assertFalse(MetricNames.perTrial("spikes.poisson_nll"));
        assertFalse(MetricNames.perTrial("lfp.r2"));
    }
}
