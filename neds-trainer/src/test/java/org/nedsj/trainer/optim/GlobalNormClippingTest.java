package org.nedsj.trainer.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobalNormClippingTest {

    /** Parameters a [2] (decayed), b [1, 2] (not) and c [1] (decayed): three runs of the flat buffers. */
    private static ParameterStore store() {
        return new ParameterStore.Builder()
                .add(new Parameter("a", true, false), Nd4j.zeros(DataType.FLOAT, 2))
                .add(new Parameter("b", false, false), Nd4j.zeros(DataType.FLOAT, 1, 2))
                .add(new Parameter("c", true, false), Nd4j.zeros(DataType.FLOAT, 1))
                .build(DataType.FLOAT);
    }

    @Test
    void scalesAllGradientsTogetherToTheLimit() {
        ParameterStore s = store();
        s.gradient("a").putScalar(0, 3f);
        s.gradient("b").putScalar(0, 1, 4f);
        double norm = GlobalNormClipping.clip(s.gradients(), s.runs(p -> true), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6, s.gradient("a").getDouble(0), 1e-5);
        assertEquals(0.8, s.gradient("b").getDouble(0, 1), 1e-5);
    }

    @Test
    void onlyTheSelectedParametersCountAndScale() {
        ParameterStore s = store();
        s.gradients().assign(3f);
        s.gradient("b").assign(4f);
        double norm = GlobalNormClipping.clip(s.gradients(), s.runs(p -> p.decayed()), 1.0);
        assertEquals(Math.sqrt(3 * 9), norm, 1e-5);
        assertEquals(3 / Math.sqrt(27), s.gradient("c").getDouble(0), 1e-5);
        assertEquals(4.0, s.gradient("b").getDouble(0, 0), 0.0);
    }

    @Test
    void leavesSmallGradientsAndReportsNonFiniteOnes() {
        ParameterStore s = store();
        s.gradient("a").putScalar(0, 0.3f);
        s.gradient("a").putScalar(1, 0.4f);
        assertEquals(0.5, GlobalNormClipping.clip(s.gradients(), s.runs(p -> true), 1.0), 1e-6);
        assertEquals(0.3, s.gradient("a").getDouble(0), 1e-7);
        s.gradient("b").putScalar(0, 1, Float.NaN);
        s.gradient("c").putScalar(0, 2f);
        assertEquals(Double.NaN, GlobalNormClipping.clip(s.gradients(), s.runs(p -> true), 1.0));
        assertEquals(2.0, s.gradient("c").getDouble(0), 0.0);
        assertEquals("b", s.firstNonFinite(s.gradients()).orElseThrow().name());
    }
}
