package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nedsj.model.graph.TimeBias;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeBiasTest {

    @Test
    void slopesFallGeometricallyFromOnePerBin() {
        assertArrayEquals(new double[]{1, 0.25, 0.0625, 0.015625}, TimeBias.slopes(4), 1e-12);
        assertArrayEquals(new double[]{1}, TimeBias.slopes(1), 1e-12);
        assertEquals(Math.pow(2, -6), TimeBias.slopes(8)[7], 1e-12);
    }

    /** Bins 0 1 2 of one modality, bins 0 1 2 of another, one static token: −m·|Δbin|, 0 for the static token. */
    @Test
    void biasIsMinusSlopeTimesBinDistanceAndZeroForStaticTokens() {
        int[] bins = {0, 1, 2, 0, 1, 2, -1};
        float[][] t = TimeBias.table(bins, 2);
        int l = bins.length;
        assertEquals(0f, t[0][0 * l + 3], 1e-9f);           // bin 0 vs bin 0 of the other modality
        assertEquals(-2f, t[0][0 * l + 5]);          // bin 0 vs bin 2
        assertEquals(-1f, t[0][4 * l + 0]);          // bin 1 vs bin 0
        assertEquals((float) (-2 / 64.0), t[1][2 * l + 3], 1e-7);
        for (int j = 0; j < l; j++) {
            assertEquals(0f, t[0][6 * l + j], 1e-9f);
            assertEquals(0f, t[1][j * l + 6], 1e-9f);
        }
    }
}
