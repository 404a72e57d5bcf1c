package org.nedsj.trainer.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** A store of a decayed weight "w" [2, 2] and a bias "b" [2], all ones. */
    private static ParameterStore store(DataType type) {
        return new ParameterStore.Builder()
                .add(new Parameter("w", true, false), Nd4j.valueArrayOf(new long[]{2, 2}, 1.0, type))
                .add(new Parameter("b", false, false), Nd4j.valueArrayOf(new long[]{2}, 1.0, type))
                .build(type);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void twoStepsMatchTheHandComputedUpdate(DataType type) {
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.1);
        ParameterStore store = store(type);
        double[] grads = {0.5, -0.25};
        double[] decayedWeight = byHand(true);
        double[] bareBias = byHand(false);
        for (int t = 0; t < 2; t++) {
            store.gradients().assign(grads[t]);
            adam.step(store, 0.1);
            assertEquals(decayedWeight[t], store.value("w").getDouble(1, 1), 1e-6, "decayed weight after step " + (t + 1));
            assertEquals(bareBias[t], store.value("b").getDouble(0), 1e-6, "bias (no decay) after step " + (t + 1));
        }
        assertEquals(2, adam.steps());
    }

    @Test
    void onlyTheGivenRunsAreUpdated() {
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.1);
        ParameterStore store = store(DataType.FLOAT);
        store.gradients().assign(0.5);
        adam.step(store, store.runs(p -> p.name().equals("b")), 0.1);
        assertEquals(1.0, store.value("w").getDouble(0, 0), 0.0);
        assertEquals(byHand(false)[0], store.value("b").getDouble(1), 1e-6);
    }

    @Test
    void restrictedRowsStayUnchanged() {
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.1);
        ParameterStore store = new ParameterStore.Builder()
                .add(new Parameter("t", true, true), Nd4j.ones(DataType.FLOAT, 3, 2)).build(DataType.FLOAT);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, store.size());
        store.view(mask, "t").getRow(2).assign(1);
        adam.restrict(mask);
        store.gradients().assign(0.5);
        adam.step(store, 0.1);
        INDArray table = store.value("t");
        assertEquals(1.0, table.getDouble(0, 0), 0.0);
        assertEquals(1.0, table.getDouble(1, 1), 0.0);
        assertEquals(byHand(true)[0], table.getDouble(2, 0), 1e-6);
    }

    @Test
    void stateRoundTripsSoAResumedOptimizerContinuesIdentically() {
        ParameterStore a = store(DataType.FLOAT);
        ParameterStore b = store(DataType.FLOAT);
        AdamW first = new AdamW(0.9, 0.999, 1e-8, 0.01);
        a.gradients().assign(0.3);
        first.step(a, 0.05);
        AdamW second = new AdamW(0.9, 0.999, 1e-8, 0.01);
        second.restore(first.state(), first.steps());
        b.values().assign(a.values());
        a.gradients().assign(-0.2);
        b.gradients().assign(-0.2);
        first.step(a, 0.05);
        second.step(b, 0.05);
        assertEquals(a.values(), b.values());
        assertTrue(a.value("w").getDouble(0, 0) != 1.0, "the step changed nothing");
    }
}
