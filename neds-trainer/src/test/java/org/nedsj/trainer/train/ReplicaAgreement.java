package org.nedsj.trainer.train;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "the same training up to float summation order" means for the data-parallel tests (in process and on
 * Spark): every step's losses within 1e-6 relative, and the weights within 1e-5.
 */
public final class ReplicaAgreement {

    private ReplicaAgreement() {
    }

    /** Each step's modality losses within 1e-6 relative (absolute below 1e-3). */
    public static void assertSameLosses(List<Map<String, Double>> expected, List<Map<String, Double>> actual) {
        assertEquals(expected.size(), actual.size(), "steps");
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Double> e = expected.get(i);
            Map<String, Double> a = actual.get(i);
            assertEquals(e.keySet(), a.keySet());
            for (String m : e.keySet()) {
                assertEquals(e.get(m), a.get(m), 1e-6 * Math.max(1e-3, Math.abs(e.get(m))), m + " loss at step " + i);
            }
        }
    }

    /**
     * The flat weight buffers within 1e-5 of each other relative to their norm, and every entry within
     * 1e-5 of the largest weight. Not per parameter: the key part of each attention bias has a true
     * gradient of zero (softmax ignores a shift shared by all keys), so its float-noise gradient differs
     * between summation orders, and AdamW, normalising by the gradient's own size, turns that noise into
     * steps of about lr that differ in sign (around 1e-6 here, against weights of order 1).
     */
    public static void assertSameWeights(NedsModel expected, NedsModel actual) {
        assertSameWeights(expected.store().values(), actual.store().values());
        double largest = expected.store().values().amaxNumber().doubleValue();
        for (Parameter p : expected.parameters()) {
            double worst = expected.parameter(p.name()).sub(actual.parameter(p.name())).amaxNumber().doubleValue();
            assertTrue(worst <= 1e-5 * largest, p.name() + " differs by " + worst + " (largest weight " + largest + ")");
        }
    }

    /** Two flat weight buffers within 1e-5 of each other relative to their norm (L2). */
    public static void assertSameWeights(INDArray expected, INDArray actual) {
        double relative = expected.distance2(actual) / expected.norm2Number().doubleValue();
        assertTrue(relative <= 1e-5, "weights differ by " + relative + " relative (L2)");
    }
}
