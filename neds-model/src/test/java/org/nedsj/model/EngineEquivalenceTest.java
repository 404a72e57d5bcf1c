package org.nedsj.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused engine computes the same function and gradients as the SameDiff graph, from the same initial values. */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class EngineEquivalenceTest {


    /**
     * In single precision the fused engine takes its float kernels (LayerNorm, rotated heads): its
     * loss and gradients stay as close to the double-precision reference as the float graph's do.
     */
    @org.junit.jupiter.api.Test
    void floatKernelsAreAsAccurateAsTheFloatGraph() {
        ModelConfig base = new ModelConfig(32, 2, 4, 48, "layer", 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE);
        SessionTable table = Fixtures.sessions(7, 12);
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{1, 0, 1, 1}, 9, 12);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 4, 3);
        StepResult reference = NedsModel.create(base.withEngine(ModelConfig.SAMEDIFF), Fixtures.bindings(Fixtures.ALL),
                table, 5).step(batch, plan, 1);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            ModelConfig single = base.withDataType(DataType.FLOAT);
            StepResult fused = NedsModel.create(single.withEngine(ModelConfig.FUSED), Fixtures.bindings(Fixtures.ALL),
                    table, 5).step(batch, plan, 1);
            StepResult graph = NedsModel.create(single.withEngine(ModelConfig.SAMEDIFF), Fixtures.bindings(Fixtures.ALL),
                    table, 5).step(batch, plan, 1);
            double graphError = Math.abs(graph.loss() - reference.loss());
            double fusedError = Math.abs(fused.loss() - reference.loss());
            assertTrue(fusedError <= Math.max(3 * graphError, 1e-5 * Math.abs(reference.loss())),
                    "loss: reference " + reference.loss() + ", fused float " + fused.loss() + ", graph float " + graph.loss());
            for (var e : reference.gradients().entrySet()) {
                INDArray ref = e.getValue();
                double scale = Math.max(1e-3, ref.amaxNumber().doubleValue());
                double fusedGap = fused.gradients().get(e.getKey()).castTo(DataType.DOUBLE).sub(ref).amaxNumber().doubleValue();
                double graphGap = graph.gradients().get(e.getKey()).castTo(DataType.DOUBLE).sub(ref).amaxNumber().doubleValue();
                assertTrue(fusedGap <= Math.max(3 * graphGap, 1e-3 * scale),
                        "gradient of " + e.getKey() + ": fused off by " + fusedGap + ", graph by " + graphGap);
            }
        } finally {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer", "scale"})
    void fusedAndSameDiffEnginesAgree(String norm) {
        ModelConfig base = new ModelConfig(16, 2, 4, 24, norm, 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE);
        SessionTable table = Fixtures.sessions(7, 12);
        NedsModel fused = NedsModel.create(base.withEngine(ModelConfig.FUSED), Fixtures.bindings(Fixtures.ALL), table, 5);
        NedsModel graph = NedsModel.create(base.withEngine(ModelConfig.SAMEDIFF), Fixtures.bindings(Fixtures.ALL), table, 5);
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{1, 0, 1}, 9, 12);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 3, 3);

        StepResult a = fused.step(batch, plan, 1);
        StepResult b = graph.step(batch, plan, 1);
        assertEquals(b.loss(), a.loss(), 1e-10);
        for (Parameter p : graph.parameters()) {
            INDArray ga = a.gradients().get(p.name());
            INDArray gb = b.gradients().get(p.name());
            assertEquals(0.0, ga.sub(gb).amaxNumber().doubleValue(), 1e-9 * Math.max(1, gb.amaxNumber().doubleValue()),
                    "gradient of " + p.name());
        }
        Map<String, INDArray> pa = fused.predict(batch, plan);
        Map<String, INDArray> pb = graph.predict(batch, plan);
        for (String m : pa.keySet()) {
            assertEquals(0.0, pa.get(m).sub(pb.get(m)).amaxNumber().doubleValue(), 1e-10, m);
        }
        assertEquals(graph.parameterCount(), fused.parameterCount());
    }
}
