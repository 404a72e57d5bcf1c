package org.nedsj.prep.behaviour;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinResamplerTest {

    private final BinResampler resampler = new BinResampler(4, 0.5, 0.02);

    @Test
    void interpolatesLinearlyAtEachBinsRightEdge() {
        // samples at 0, 1, 2, 3 with values 0, 10, 20, 40; window [0.5, 2.5): right edges 1.0, 1.5, 2.0, 2.5
        IrregularSignal s = new IrregularSignal(new double[]{0, 1, 2, 3}, new double[]{0, 10, 20, 40});
        double[] out = new double[5];
        resampler.resample(s, 0.5, out, 1);
        assertEquals(0, out[0]);
        assertEquals(10, out[1], 1e-12);
        assertEquals(15, out[2], 1e-12);
        assertEquals(20, out[3], 1e-12);
        assertEquals(30, out[4], 1e-12);
    }

    @Test
    void holdsTheLastValueBeyondTheSamples() {
        IrregularSignal s = new IrregularSignal(new double[]{0, 1}, new double[]{3, 5});
        double[] out = new double[4];
        resampler.resample(s, 0.0, out, 0);
        assertEquals(5, out[3], "edge 2.0 is after the last sample");
    }

    @Test
    void coverageAllowsGapsUpToTheToleranceAtBothEdges() {
        IrregularSignal s = new IrregularSignal(new double[]{10.02, 11.0, 11.98}, new double[]{1, 2, 3});
        assertTrue(resampler.covers(s, 10.0, 12.0), "20 ms gaps at both ends are allowed");
        assertFalse(resampler.covers(s, 9.99, 12.0), "30 ms after the window start");
        assertFalse(resampler.covers(s, 10.0, 12.01), "30 ms before the window end");
        assertFalse(resampler.covers(s, 20.0, 22.0), "no sample in the window");
    }

    @Test
    void nanFramesAreLeftOutOfTheSignal() {
        IrregularSignal s = IrregularSignal.withoutMissing(new double[]{0, 1, 2, 3}, new double[]{Double.NaN, 1, Double.NaN, 3});
        assertEquals(2, s.size());
        assertEquals(2.0, s.interpolate(2.0), 1e-12);
    }

    @Test
    void regularGridFindsSamplesLikeABinarySearch() {
        RegularSignal r = RegularSignal.ofRate(10.0, 1000, new double[5000]);
        for (double t : new double[]{9.0, 10.0, 10.0005, 10.001, 12.3456, 14.999, 15.5}) {
            int expected = 0;
            while (expected < r.size() && r.time(expected) < t) {
                expected++;
            }
            assertEquals(expected, r.firstAtOrAfter(t), "t = " + t);
        }
    }
}
