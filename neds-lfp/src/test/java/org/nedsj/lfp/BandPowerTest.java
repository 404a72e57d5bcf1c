package org.nedsj.lfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Welch band power against hand-computed values: a sinusoid of amplitude A carries A²/2 into the band holding it. */
class BandPowerTest {

    private static final List<BandPower.Band> BANDS = List.of(new BandPower.Band("delta", 0.5, 4), new BandPower.Band("theta", 4, 8),
            new BandPower.Band("alpha", 8, 12), new BandPower.Band("beta", 12, 30), new BandPower.Band("gamma", 30, 100));

    private static float[] sines(int n, double fs, double[][] ampFreq) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (double[] af : ampFreq) {
                v += af[0] * Math.sin(2 * Math.PI * af[1] * i / fs + 0.3);
            }
            x[i] = (float) v;
        }
        return x;
    }

    @Test
    void aBetaSinusoidsPowerLandsInBetaWithHalfItsSquaredAmplitude() {
        BandPower p = new BandPower(2500, 750, BANDS);                 // 300 ms at 2.5 kHz, one segment
        assertEquals(1024, p.nfft());
        double[] out = new double[5];
        p.compute(sines(750, 2500, new double[][]{{100, 21}}), 0, 750, new double[513], out);
        assertEquals(100 * 100 / 2.0, out[3], 0.02 * 5000, "beta");
        assertTrue(out[0] + out[1] + out[2] + out[4] < 0.01 * 5000, "other bands " + java.util.Arrays.toString(out));
    }

    @Test
    void twoSinusoidsInTwoBandsAreSeparatedAndWelchAveragesSegments() {
        BandPower p = new BandPower(1000, 200, BANDS);                 // 5 segments of 200 over 600 samples
        double[] out = new double[5];
        p.compute(sines(600, 1000, new double[][]{{40, 20}, {10, 60}}), 0, 600, new double[129], out);
        assertEquals(800, out[3], 0.03 * 800, "beta: 40²/2");
        assertEquals(50, out[4], 0.03 * 50, "gamma: 10²/2");
    }

    @Test
    void aBandWithNoFrequencyOfTheTransformIsAConfigError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BandPower(2500, 250, List.of(new BandPower.Band("delta", 0.5, 4))));
        assertTrue(e.getMessage().contains("band delta") && e.getMessage().contains("data.lfp.bands"), e.getMessage());
    }
}
