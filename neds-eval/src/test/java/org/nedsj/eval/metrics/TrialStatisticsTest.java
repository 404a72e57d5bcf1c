package org.nedsj.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.spi.ModalitySpec;

class TrialStatisticsTest {

    private static final int TRIALS = 40;
    private static final int BINS = 12;

    @Test
    void everyWeightOneGivesModalityScoresMetrics() {
        var random = new SplittableRandom(5);
        MeanRateModel rates = MeanRateModel.ofCounts(new float[] {0.5f, 2f, 0.1f, 1f}, 4);
        for (ModalityPredictions p : new ModalityPredictions[] {
                spikes(random, 4), behaviour(random, 1), behaviour(random, 3), categories(random, 3)}) {
            Map<String, Double> expected = ModalityScore.of(p, rates).metrics();
            Map<String, Double> actual = TrialStatistics.of(p, rates).metrics(ones());
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((k, v) -> assertEquals(v, actual.get(k), 1e-9 * Math.max(1, Math.abs(v)), k));
        }
    }

    @Test
    void aResampleIsScoredAsThePredictionsOfTheTrialsItDrew() {
        var random = new SplittableRandom(9);
        MeanRateModel rates = MeanRateModel.ofCounts(new float[] {0.5f, 2f, 0.1f}, 3);
        int[] weights = new int[TRIALS];
        for (int i = 0; i < TRIALS; i++) {
            weights[random.nextInt(TRIALS)]++;
        }
        for (ModalityPredictions p : new ModalityPredictions[] {spikes(random, 3), behaviour(random, 2), categories(random, 3)}) {
            Map<String, Double> expected = ModalityScore.of(repeated(p, weights), rates).metrics();
            Map<String, Double> actual = TrialStatistics.of(p, rates).metrics(weights);
            // the trial mean's eligibility is decided on the trials as scored, so only the pooled figures are compared
            expected.forEach((k, v) -> {
                if (!k.endsWith("r2_trial_mean")) {
                    assertEquals(v, actual.get(k), 1e-9 * Math.max(1, Math.abs(v)), k);
                }
            });
        }
    }

    @Test
    void accuraciesFollowTheDrawnTrialsByHand() {
        ModalitySpec block = ModalitySpec.staticBehaviour("block", 3);
        // truth 0, 0, 1, 2; predicted 0, 1, 1, 1 (logits' arg-max); trial 3 not scored
        float[] logits = {2, 0, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0};
        var p = new ModalityPredictions(block, 4, 1, 1, new float[] {0, 0, 1, 2}, logits, new float[] {1, 1, 1, 0});
        Map<String, Double> m = TrialStatistics.of(p, null).metrics(new int[] {3, 1, 2, 5});
        // drawn: trial 0 three times (right), trial 1 once (wrong), trial 2 twice (right): 5 of 6 right;
        // recall of class 0 = 3/4, of class 1 = 2/2; class 2 only in the unscored trial
        assertEquals(5.0 / 6, m.get("block.accuracy"), 1e-12);
        assertEquals((0.75 + 1.0) / 2, m.get("block.balanced_accuracy"), 1e-12);
        assertTrue(TrialStatistics.of(p, null).metrics(new int[] {0, 0, 0, 4}).get("block.accuracy").isNaN());
    }

    @Test
    void weightsMustCoverEveryTrial() {
        var p = categories(new SplittableRandom(1), 2);
        assertThrows(IllegalArgumentException.class, () -> TrialStatistics.of(p, null).metrics(new int[3]));
    }

    private static int[] ones() {
        int[] w = new int[TRIALS];
        Arrays.fill(w, 1);
        return w;
    }

    /** Predictions with trial t copied weights[t] times. */
    private static ModalityPredictions repeated(ModalityPredictions p, int[] weights) {
        int trials = Arrays.stream(weights).sum();
        boolean categorical = p.modality().isStatic();
        int truthPer = categorical ? 1 : p.tokens() * p.width();
        int predictedPer = categorical ? p.modality().classes() : p.tokens() * p.width();
        float[] truth = new float[trials * truthPer];
        float[] predicted = new float[trials * predictedPer];
        float[] scored = new float[trials * p.tokens()];
        int row = 0;
        for (int t = 0; t < weights.length; t++) {
            for (int copy = 0; copy < weights[t]; copy++, row++) {
                System.arraycopy(p.truth(), t * truthPer, truth, row * truthPer, truthPer);
                System.arraycopy(p.predicted(), t * predictedPer, predicted, row * predictedPer, predictedPer);
                System.arraycopy(p.scored(), t * p.tokens(), scored, row * p.tokens(), p.tokens());
            }
        }
        return new ModalityPredictions(p.modality(), trials, p.tokens(), p.width(), truth, predicted, scored);
    }

    private static float[] mask(SplittableRandom random, int tokens) {
        float[] scored = new float[TRIALS * tokens];
        for (int i = 0; i < scored.length; i++) {
            scored[i] = random.nextDouble() < 0.7 ? 1 : 0;
        }
        return scored;
    }

    private static ModalityPredictions spikes(SplittableRandom random, int neurons) {
        float[] counts = new float[TRIALS * BINS * neurons];
        float[] logRates = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            logRates[i] = (float) (random.nextGaussian() * 0.5 - 0.5);
            counts[i] = (float) Math.floor(-Math.log(random.nextDouble()) * Math.exp(logRates[i]) * 1.3);
        }
        return new ModalityPredictions(ModalitySpec.neuralCounts("spikes", BINS), TRIALS, BINS, neurons, counts, logRates,
                mask(random, BINS));
    }

    private static ModalityPredictions behaviour(SplittableRandom random, int width) {
        float[] truth = new float[TRIALS * BINS * width];
        float[] predicted = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (float) (Math.sin(i * 0.3) + random.nextGaussian() * 0.3);
            predicted[i] = (float) (0.8 * truth[i] + random.nextGaussian() * 0.4);
        }
        return new ModalityPredictions(ModalitySpec.dynamicBehaviour("wheel", BINS), TRIALS, BINS, width, truth, predicted,
                mask(random, BINS));
    }

    private static ModalityPredictions categories(SplittableRandom random, int classes) {
        float[] truth = new float[TRIALS];
        float[] logits = new float[TRIALS * classes];
        for (int t = 0; t < TRIALS; t++) {
            truth[t] = random.nextInt(classes);
            for (int c = 0; c < classes; c++) {
                logits[t * classes + c] = (float) (random.nextGaussian() + (c == truth[t] ? 1 : 0));
            }
        }
        return new ModalityPredictions(ModalitySpec.staticBehaviour("choice", classes), TRIALS, 1, 1, truth, logits,
                mask(random, 1));
    }
}
