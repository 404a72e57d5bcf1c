package org.nedsj.model.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LaneExpTest {

    private static final float[] EDGES = {0f, -0f, 1f, -1f, 88.7f, 88.73f, 89f, 1000f, -87.3f, -87.34f, -100f,
            -103.3f, -104f, -200f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE};

    @BeforeEach
    void vectorApi() {
        assumeTrue(VectorKernels.AVAILABLE);
    }

    /** Relative error against e^x in double precision, over the whole normal range. */
    @Test
    void withinOneUlpOfTheExponential() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) rng.nextDouble(-87.3, 88.7);
            double exact = Math.exp(x);
            double ulps = Math.abs(LaneExp.exp(x) - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 1, "worst error " + worst + " ulp");
    }

    @Test
    void limitsAndNaN() {
        assertEquals(1f, LaneExp.exp(0f));
        assertEquals(1f, LaneExp.exp(-0f));
        assertEquals(Float.POSITIVE_INFINITY, LaneExp.exp(88.73f));
        assertEquals(Float.POSITIVE_INFINITY, LaneExp.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, LaneExp.exp(-104f));
        assertEquals(0f, LaneExp.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(LaneExp.exp(Float.NaN)));
        // below 2^-126 the result is a subnormal, within one subnormal step of e^x
        assertEquals(Math.exp(-100), LaneExp.exp(-100f), Float.MIN_VALUE);
        assertEquals(Math.exp(-88f), LaneExp.exp(-88f), Float.MIN_VALUE);
    }

    /** Each lane gives the bits of the scalar form, so a value does not depend on its place in a row. */
    @Test
    void everyLaneGivesTheBitsOfTheScalarForm() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        SplittableRandom rng = new SplittableRandom(9);
        float[] x = new float[species.length() * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < EDGES.length ? EDGES[i] : (float) rng.nextDouble(-110, 95);
        }
        float[] lanes = new float[x.length];
        for (int j = 0; j < x.length; j += species.length()) {
            LaneExp.exp(FloatVector.fromArray(species, x, j)).intoArray(lanes, j);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(LaneExp.exp(x[i])), Float.floatToIntBits(lanes[i]), "e^" + x[i]);
        }
    }
}
