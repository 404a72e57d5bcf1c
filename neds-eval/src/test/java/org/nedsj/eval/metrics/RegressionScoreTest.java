package org.nedsj.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.spi.ModalitySpec;

class RegressionScoreTest {

    private static final ModalitySpec WHEEL = ModalitySpec.dynamicBehaviour("wheel", 2);

    @Test
    void pooledAndTrialMeanR2MatchHandComputedValues() {
        // truth 1 2 | 3 4, predicted 1.5 2 | 2.5 5
        var p = new ModalityPredictions(WHEEL, 2, 2, 1, new float[] {1, 2, 3, 4}, new float[] {1.5f, 2, 2.5f, 5},
                new float[] {1, 1, 1, 1});
        RegressionScore s = RegressionScore.of(p);
        // pooled: SSE = 0.25 + 0 + 0.25 + 1 = 1.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5 → 1 − 1.5/5
        assertEquals(0.7, s.pooled(), 1e-9);
        // trial 0: SSE 0.25, SST 0.5 → 0.5; trial 1: SSE 1.25, SST 0.5 → −1.5; mean −0.5
        assertEquals(-0.5, s.trialMean(), 1e-9);
        assertEquals(2, s.trialsInMean());
    }

    @Test
    void perfectPredictionGivesOne() {
        float[] truth = {0.1f, -2, 3, 7};
        var p = new ModalityPredictions(WHEEL, 2, 2, 1, truth, truth.clone(), new float[] {1, 1, 1, 1});
        assertEquals(1.0, RegressionScore.of(p).pooled(), 1e-12);
        assertEquals(1.0, RegressionScore.of(p).trialMean(), 1e-12);
    }

    @Test
    void unscoredBinsAreLeftOut() {
        ModalitySpec m = ModalitySpec.dynamicBehaviour("wheel", 3);
        // bin 2 of each trial unscored and wildly wrong
        var p = new ModalityPredictions(m, 2, 3, 1, new float[] {1, 2, 0, 3, 4, 0}, new float[] {1.5f, 2, 99, 2.5f, 5, -99},
                new float[] {1, 1, 0, 1, 1, 0});
        assertEquals(0.7, RegressionScore.of(p).pooled(), 1e-9);
    }

    @Test
    void trialsWithConstantTruthAreLeftOutOfTheTrialMean() {
        var p = new ModalityPredictions(WHEEL, 2, 2, 1, new float[] {1, 2, 5, 5}, new float[] {1.5f, 2, 5, 6},
                new float[] {1, 1, 1, 1});
        RegressionScore s = RegressionScore.of(p);
        assertEquals(0.5, s.trialMean(), 1e-9);
        assertEquals(1, s.trialsInMean());
        var constant = new ModalityPredictions(WHEEL, 1, 2, 1, new float[] {5, 5}, new float[] {5, 6}, new float[] {1, 1});
        assertTrue(Double.isNaN(RegressionScore.of(constant).pooled()));
    }

    @Test
    void stillTrialsAreLeftOutOfTheTrialMean() {
        // trials 0 and 1 as in the first test (R² 0.5 and −1.5); trial 2 barely moves (variance 2.5e-7 against
        // about 2 over all bins), and its R² would be −10⁶
        var p = new ModalityPredictions(WHEEL, 3, 2, 1, new float[] {1, 2, 3, 4, 5, 5.001f},
                new float[] {1.5f, 2, 2.5f, 5, 5, 5.5f}, new float[] {1, 1, 1, 1, 1, 1});
        RegressionScore s = RegressionScore.of(p);
        assertEquals(-0.5, s.trialMean(), 1e-9);
        assertEquals(2, s.trialsInMean());
        // the pooled R² keeps every bin: SSE 1.5 + (5.5 − 5.001)², truth 1 2 3 4 5 5.001
        double mean = (1 + 2 + 3 + 4 + 5 + 5.001f) / 6;
        double sst = 0;
        for (double v : new double[] {1, 2, 3, 4, 5, 5.001f}) {
            sst += (v - mean) * (v - mean);
        }
        double sse = 1.5 + (5.5 - 5.001f) * (5.5 - 5.001f);
        assertEquals(1 - sse / sst, s.pooled(), 1e-6);
    }

    @Test
    void wideModalityAveragesItsChannels() {
        ModalitySpec lfp = new ModalitySpec("lfp", ModalitySpec.Kind.DYNAMIC_CONTINUOUS, ModalitySpec.Role.NEURAL, 2, 2, 0);
        // channel 0: truth 1 2 3 4 vs 1.5 2 2.5 5 (R² 0.7); channel 1: truth 0 0 1 1 predicted exactly (R² 1)
        float[] truth = {1, 0, 2, 0, 3, 1, 4, 1};
        float[] pred = {1.5f, 0, 2, 0, 2.5f, 1, 5, 1};
        var p = new ModalityPredictions(lfp, 2, 2, 2, truth, pred, new float[] {1, 1, 1, 1});
        assertEquals(0.85, RegressionScore.of(p).pooled(), 1e-9);
    }
}
