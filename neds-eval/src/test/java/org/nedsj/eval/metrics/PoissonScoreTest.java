package org.nedsj.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.spi.ModalitySpec;

class PoissonScoreTest {

    private static final ModalitySpec SPIKES = ModalitySpec.neuralCounts("spikes", 2);
    private static final double LN2 = Math.log(2);
    private static final double LN15 = Math.log(1.5);

    /** One trial, two bins, two neurons: counts bin0 = (1, 0), bin1 = (2, 1). */
    private static final float[] COUNTS = {1, 0, 2, 1};

    /** Null model: training mean rates (1.5, 0.5) per bin, from these same counts. */
    private static MeanRateModel nullModel() {
        return MeanRateModel.ofCounts(COUNTS, 2);
    }

    /** Model rates bin0 = (1, 0.5), bin1 = (2, 1). */
    private static float[] modelLogRates() {
        return new float[] {0f, (float) Math.log(0.5), (float) Math.log(2), 0f};
    }

    @Test
    void bitsPerSpikeMatchesHandComputedLikelihoods() {
        var p = new ModalityPredictions(SPIKES, 1, 2, 2, COUNTS, modelLogRates(), new float[] {1, 1});
        PoissonScore s = PoissonScore.of(p, nullModel());
        // neuron 0: log L(model) − log L(null) = (1·0 − 1 + 2·ln2 − 2) − (ln1.5 − 1.5 + 2·ln1.5 − 1.5) = 2 ln2 − 3 ln1.5
        // neuron 1: (0 − 0.5 + 1·0 − 1) − (0 − 0.5 + ln0.5 − 0.5) = ln2 − 0.5
        double gain0 = 2 * LN2 - 3 * LN15;
        double gain1 = LN2 - 0.5;
        assertEquals((gain0 + gain1) / (4 * LN2), s.bitsPerSpike(), 1e-6);
        assertEquals(0.130942, s.bitsPerSpike(), 1e-6);
        assertEquals(gain0 / (3 * LN2), s.neuronBitsPerSpike()[0], 1e-6);
        assertEquals(gain1 / (1 * LN2), s.neuronBitsPerSpike()[1], 1e-6);
        assertEquals(4.0, s.spikes());
        assertEquals(4, s.entries());
    }

    @Test
    void poissonNllIsPerEntryAndIncludesLogFactorial() {
        var p = new ModalityPredictions(SPIKES, 1, 2, 2, COUNTS, modelLogRates(), new float[] {1, 1});
        // −log L = (1 − 0) + (0.5) + (2 − 2 ln2 + ln 2!) + (1 − 0 + ln 1!) = 4.5 − ln2, over 4 entries
        assertEquals((4.5 - LN2) / 4, PoissonScore.of(p, nullModel()).poissonNll(), 1e-6);
    }

    @Test
    void onlyScoredBinsCount() {
        var p = new ModalityPredictions(SPIKES, 1, 2, 2, COUNTS, modelLogRates(), new float[] {1, 0});
        PoissonScore s = PoissonScore.of(p, nullModel());
        // bin 0 only: neuron 0 gains (0 − 1) − (ln1.5 − 1.5) = 0.5 − ln1.5 over 1 spike; neuron 1 has no spike
        assertEquals((0.5 - LN15) / LN2, s.bitsPerSpike(), 1e-6);
        assertTrue(Double.isNaN(s.neuronBitsPerSpike()[1]));
        assertEquals((1 + 0.5) / 2, s.poissonNll(), 1e-6);
    }

    @Test
    void modelEqualToTheMeanRatesScoresExactlyZero() {
        float[] counts = {3, 0, 1, 0, 0, 2, 1, 1, 0, 5, 0, 0};  // 2 trials × 2 bins × 3 neurons
        MeanRateModel rates = MeanRateModel.ofCounts(counts, 3);
        float[] predicted = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            predicted[i] = rates.logRate(i % 3);
        }
        var p = new ModalityPredictions(SPIKES, 2, 2, 3, counts, predicted, new float[] {1, 1, 1, 1});
        PoissonScore s = PoissonScore.of(p, rates);
        assertEquals(0.0, s.bitsPerSpike(), 0.0);
        for (double v : s.neuronBitsPerSpike()) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void silentTrainingNeuronGetsHalfASpikeOverTheTrainingBins() {
        MeanRateModel rates = MeanRateModel.ofCounts(new float[] {1, 0, 3, 0, 0, 0, 2, 0}, 2);  // 4 rows
        assertEquals(1.5, rates.rate(0), 1e-12);
        assertEquals(0.5 / 4, rates.rate(1), 1e-12);
        assertEquals((float) Math.log(0.125), rates.logRate(1));
    }

    @Test
    void minusInfinityLogRateWithoutSpikesIsAllowed() {
        var p = new ModalityPredictions(SPIKES, 1, 2, 1, new float[] {0, 2},
                new float[] {Float.NEGATIVE_INFINITY, (float) Math.log(2)}, new float[] {1, 1});
        MeanRateModel rates = MeanRateModel.ofCounts(new float[] {1, 1}, 1);
        // model: (0 − 0) + (2 ln2 − 2); null (rate 1): (0 − 1) + (0 − 1)
        assertEquals((2 * LN2 - 2 + 2) / (2 * LN2), PoissonScore.of(p, rates).bitsPerSpike(), 1e-6);
    }

    @Test
    void widthMismatchIsRejected() {
        var p = new ModalityPredictions(SPIKES, 1, 2, 2, COUNTS, modelLogRates(), new float[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> PoissonScore.of(p, MeanRateModel.ofCounts(new float[] {1, 2, 3}, 3)));
    }

    @Test
    void logFactorialMatchesKnownValues() {
        assertEquals(0.0, LogFactorial.of(0), 0.0);
        assertEquals(Math.log(120), LogFactorial.of(5), 1e-12);
        assertEquals(Math.log(3628800), LogFactorial.of(10), 1e-10);
        // ln Γ(3.5) = ln(2.5 · 1.5 · 0.5 · √π)
        assertEquals(Math.log(2.5 * 1.5 * 0.5 * Math.sqrt(Math.PI)), LogFactorial.of(2.5), 1e-12);
        // beyond the table: ln(2000!) by summing logs
        double sum = 0;
        for (int k = 2; k <= 2000; k++) {
            sum += Math.log(k);
        }
        assertEquals(sum, LogFactorial.of(2000), 1e-8 * sum);
    }
}
