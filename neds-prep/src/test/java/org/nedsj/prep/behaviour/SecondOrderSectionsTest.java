package org.nedsj.prep.behaviour;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecondOrderSectionsTest {

    private final SecondOrderSections eighth = ButterworthLowPass.design(8, 20, 1000);

    @Test
    void padsByScipysDefaultLength() {
        assertEquals(27, eighth.defaultPadLength(), "3 * (2 * 4 sections + 1)");
        assertEquals(3 * (2 * 3 + 1 - 1), ButterworthLowPass.design(5, 20, 1000).defaultPadLength(),
                "the odd order's first-order section has b2 = a2 = 0");
    }

    @Test
    void filtersTheShortestAllowedSignalAsScipy() {
        double[] x = ButterworthLowPassTest.fixture("signal_short.npy");
        assertEquals(28, x.length);
        assertArrayEquals(ButterworthLowPassTest.fixture("filtfilt_short_8_20_1000.npy"), eighth.filtfilt(x), 1e-9);
    }

    @Test
    void rejectsSignalsNotLongerThanThePadding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eighth.filtfilt(new double[27]));
        assertTrue(e.getMessage().contains("more than 27 samples"), e.getMessage());
    }

    @Test
    void keepsAConstantSignalAndAStraightLine() {
        double[] constant = new double[200];
        java.util.Arrays.fill(constant, 3.25);
        assertArrayEquals(constant, eighth.filtfilt(constant), 1e-12, "unit gain at DC, steady-state start");
        double[] ramp = new double[4000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 0.001 * i;
        }
        double[] y = eighth.filtfilt(ramp);
        for (int i = 1200; i < 2800; i++) {
            assertEquals(ramp[i], y[i], 1e-9, "zero phase: a line passes unchanged away from the ends");
        }
    }
}
