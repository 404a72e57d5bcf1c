package org.nedsj.trainer.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobalNormClippingTest {

    @Test
    void scalesAllGradientsTogetherToTheLimit() {
        INDArray a = Nd4j.createFromArray(3f, 0f);
        INDArray b = Nd4j.createFromArray(new float[][]{{0f, 4f}});
        double norm = GlobalNormClipping.clip(Map.of("a", a, "b", b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6, a.getDouble(0), 1e-5);
        assertEquals(0.8, b.getDouble(0, 1), 1e-5);
    }

    @Test
    void leavesSmallGradientsAndReportsNonFiniteOnes() {
        INDArray a = Nd4j.createFromArray(0.3f, 0.4f);
        assertEquals(0.5, GlobalNormClipping.clip(Map.of("a", a), 1.0), 1e-6);
        assertEquals(0.3, a.getDouble(0), 1e-7);
        INDArray bad = Nd4j.createFromArray(1f, Float.NaN);
        assertEquals(Double.NaN, GlobalNormClipping.clip(Map.of("bad", bad), 1.0));
        assertEquals(1.0, bad.getDouble(0), 0.0);
    }
}
