package org.nedsj.prep.behaviour;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nedsj.prep.npy.NpyReader;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against scipy.signal.butter(..., output='sos') and sosfiltfilt, committed by make_fixtures.py. */
class ButterworthLowPassTest {

    static double[] fixture(String name) {
        try {
            return NpyReader.read(Path.of(ButterworthLowPassTest.class.getResource("/fixtures/filter/" + name).toURI())).toDoubleArray();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 20, 1000", "5, 20, 1000", "4, 50, 500"})
    void designsTheSectionsScipyDesigns(int order, int cutoff, int rate) {
        double[] expected = fixture("sos_" + order + "_" + cutoff + "_" + rate + ".npy");
        double[][] sos = ButterworthLowPass.design(order, cutoff, rate).coefficients();
        assertEquals(expected.length / 6, sos.length);
        for (int s = 0; s < sos.length; s++) {
            for (int k = 0; k < 6; k++) {
                double e = expected[s * 6 + k];
                assertEquals(e, sos[s][k], 1e-12 * Math.max(1, Math.abs(e)), "section " + s + " coefficient " + k);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 20, 1000", "5, 20, 1000", "4, 50, 500"})
    void filtersForwardAndBackwardAsSosfiltfilt(int order, int cutoff, int rate) {
        double[] x = fixture("signal.npy");
        double[] expected = fixture("filtfilt_" + order + "_" + cutoff + "_" + rate + ".npy");
        double[] y = ButterworthLowPass.design(order, cutoff, rate).filtfilt(x);
        assertArrayEquals(expected, y, 1e-9);
    }
}
