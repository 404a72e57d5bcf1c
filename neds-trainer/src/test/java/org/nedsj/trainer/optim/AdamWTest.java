package org.nedsj.trainer.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdamWTest {

    /** Two AdamW steps by hand for w = 1, g = 0.5 then −0.25 (lr 0.1, β 0.9/0.999, ε 1e-8, λ 0.1). */
    private static double[] byHand(boolean decayed) {
        double w = 1, m = 0, v = 0;
        double[] grads = {0.5, -0.25};
        double[] after = new double[2];
        for (int t = 1; t <= 2; t++) {
            double g = grads[t - 1];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            w = w - 0.1 * (mHat / (Math.sqrt(vHat) + 1e-8) + (decayed ? 0.1 * w : 0));
            after[t - 1] = w;
        }
        return after;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void twoStepsMatchTheHandComputedUpdate(DataType type) {
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.1);
        INDArray weight = Nd4j.valueArrayOf(new long[]{2, 2}, 1.0, type);
        INDArray bias = Nd4j.valueArrayOf(new long[]{2}, 1.0, type);
        double[][] grads = {{0.5}, {-0.25}};
        double[] decayedWeight = byHand(true);
        double[] bareBias = byHand(false);
        for (int t = 0; t < 2; t++) {
            adam.step(Map.of("w", weight, "b", bias),
                    Map.of("w", Nd4j.valueArrayOf(new long[]{2, 2}, grads[t][0], type),
                            "b", Nd4j.valueArrayOf(new long[]{2}, grads[t][0], type)),
                    Set.of("w"), 0.1);
            assertEquals(decayedWeight[t], weight.getDouble(1, 1), 1e-6, "decayed weight after step " + (t + 1));
            assertEquals(bareBias[t], bias.getDouble(0), 1e-6, "bias (no decay) after step " + (t + 1));
        }
        assertEquals(2, adam.steps());
    }

    @Test
    void restrictedRowsStayUnchanged() {
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.1);
        INDArray table = Nd4j.ones(DataType.FLOAT, 3, 2);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 3, 2);
        mask.getRow(2).assign(1);
        adam.restrict("t", mask);
        adam.step(Map.of("t", table), Map.of("t", Nd4j.valueArrayOf(new long[]{3, 2}, 0.5, DataType.FLOAT)), Set.of("t"), 0.1);
        assertEquals(1.0, table.getDouble(0, 0), 0.0);
        assertEquals(1.0, table.getDouble(1, 1), 0.0);
        assertEquals(byHand(true)[0], table.getDouble(2, 0), 1e-6);
    }

    @Test
    void stateRoundTripsSoAResumedOptimizerContinuesIdentically() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 4);
        INDArray b = Nd4j.ones(DataType.FLOAT, 4);
        AdamW first = new AdamW(0.9, 0.999, 1e-8, 0.01);
        first.step(Map.of("p", a), Map.of("p", Nd4j.valueArrayOf(new long[]{4}, 0.3, DataType.FLOAT)), Set.of("p"), 0.05);
        AdamW second = new AdamW(0.9, 0.999, 1e-8, 0.01);
        second.restore(first.state(), first.steps());
        b.assign(a);
        first.step(Map.of("p", a), Map.of("p", Nd4j.valueArrayOf(new long[]{4}, -0.2, DataType.FLOAT)), Set.of("p"), 0.05);
        second.step(Map.of("p", b), Map.of("p", Nd4j.valueArrayOf(new long[]{4}, -0.2, DataType.FLOAT)), Set.of("p"), 0.05);
        assertEquals(a, b);
    }
}
