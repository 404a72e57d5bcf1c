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
        ModelConfig base = new ModelConfig(32, 2, 4, 48, "layer", 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE)
                .withTimeEmbedding(true).withTimeBias(true);
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

    /** The built-in codecs, hidden behind plain plugin interfaces: what a lab's graph-only plugin looks like. */
    static java.util.List<ModalityBinding> graphOnly(java.util.List<ModalityBinding> bindings) {
        return bindings.stream().map(b -> new ModalityBinding(b.spec(), b.encoderName(), b.encoder()::embed,
                b.decoderName(), new org.nedsj.spi.ModalityDecoder() {
                    @Override
                    public org.nd4j.autodiff.samediff.SDVariable predict(org.nedsj.spi.TokenGraph g,
                                                                          org.nd4j.autodiff.samediff.SDVariable hidden) {
                        return b.decoder().predict(g, hidden);
                    }

                    @Override
                    public org.nd4j.autodiff.samediff.SDVariable loss(org.nedsj.spi.TokenGraph g,
                                                                       org.nd4j.autodiff.samediff.SDVariable prediction,
                                                                       org.nd4j.autodiff.samediff.SDVariable truth,
                                                                       org.nd4j.autodiff.samediff.SDVariable target) {
                        return b.decoder().loss(g, prediction, truth, target);
                    }
                }, b.lossWeight(), b.section())).toList();
    }

    /**
     * One graph-only modality beside array-level ones: only that modality runs through its graph (the
     * step profile charges its codecs to a phase of their own), and the model still computes the
     * oracle's losses and gradients.
     */
    @org.junit.jupiter.api.Test
    void oneGraphOnlyModalityLeavesTheOthersOnArrays() {
        ModelConfig base = new ModelConfig(16, 1, 2, 24, "layer", 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE);
        SessionTable table = Fixtures.sessions(7, 12, 9);
        var bindings = Fixtures.bindings(Fixtures.ALL);
        var mixed = bindings.stream().map(b -> b.name().equals("whisker") ? graphOnly(java.util.List.of(b)).get(0) : b).toList();
        NedsModel fused = NedsModel.create(base.withEngine(ModelConfig.FUSED), mixed, table, 5);
        NedsModel graph = NedsModel.create(base.withEngine(ModelConfig.SAMEDIFF), bindings, table, 5);
        assertEquals(java.util.List.of("whisker"), fused.graphModalities());
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{2, 0, 1, 2, 0}, 3, 12);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 5, 2);
        StepResult a = fused.step(batch, plan, 1);
        StepResult b = graph.step(batch, plan, 1);
        assertEquals(b.loss(), a.loss(), 1e-10);
        for (Parameter p : graph.parameters()) {
            INDArray gb = b.gradients().get(p.name());
            assertEquals(0.0, a.gradients().get(p.name()).sub(gb).amaxNumber().doubleValue(),
                    1e-9 * Math.max(1, gb.amaxNumber().doubleValue()), "gradient of " + p.name());
        }
        var phases = fused.profile().seconds().keySet();
        assertTrue(phases.contains("graph codecs (whisker)"), phases.toString());
        assertTrue(phases.stream().noneMatch(p -> p.startsWith("graph codecs (") && !p.equals("graph codecs (whisker)")),
                phases.toString());
        assertTrue(phases.containsAll(java.util.List.of("encoders forward", "heads forward+backward", "encoders backward")),
                phases.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void directAndGraphPluginPartsAgreeWithTheWholeGraph(boolean direct) {
        ModelConfig base = new ModelConfig(16, 1, 2, 24, "layer", 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE);
        SessionTable table = Fixtures.sessions(7, 12, 9);
        // a loss weight other than 1 on one modality, so the weighting of heads and gradients is checked too
        var bindings = Fixtures.bindings(Fixtures.ALL).stream().map(b -> b.name().equals("wheel")
                ? new ModalityBinding(b.spec(), b.encoderName(), b.encoder(), b.decoderName(), b.decoder(), 2.5, b.section())
                : b).toList();
        NedsModel fused = NedsModel.create(base.withEngine(ModelConfig.FUSED), direct ? bindings : graphOnly(bindings), table, 5);
        NedsModel graph = NedsModel.create(base.withEngine(ModelConfig.SAMEDIFF), bindings, table, 5);
        assertEquals(direct ? java.util.List.of() : Fixtures.ALL.stream().map(org.nedsj.spi.ModalitySpec::name).toList(),
                fused.graphModalities());
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{2, 0, 1, 2, 0}, 3, 12);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 5, 2);
        StepResult a = fused.step(batch, plan, 1);
        StepResult b = graph.step(batch, plan, 1);
        assertEquals(b.loss(), a.loss(), 1e-10);
        b.modalityLosses().forEach((m, loss) -> assertEquals(loss, a.modalityLosses().get(m), 1e-10, m));
        for (Parameter p : graph.parameters()) {
            INDArray gb = b.gradients().get(p.name());
            assertEquals(0.0, a.gradients().get(p.name()).sub(gb).amaxNumber().doubleValue(),
                    1e-9 * Math.max(1, gb.amaxNumber().doubleValue()), "gradient of " + p.name());
        }
        Map<String, INDArray> pa = fused.predict(batch, plan);
        Map<String, INDArray> pb = graph.predict(batch, plan);
        for (String m : pa.keySet()) {
            assertEquals(0.0, pa.get(m).sub(pb.get(m)).amaxNumber().doubleValue(), 1e-10, m);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"layer, false, 1, own, false", "scale, false, 1, own, false",
            "layer, true, 1, own, false", "layer, true, 4, own, false", "layer, false, 4, own, false",
            "layer, true, 1, trial, false", "layer, true, 4, trial, false", "layer, true, 4, trial, true", "layer, true, 4, neural, false"})
    void fusedAndSameDiffEnginesAgree(String norm, boolean time, int staticTokens, String readout, boolean sessionOffsets) {
        ModelConfig base = new ModelConfig(16, 2, 4, 24, norm, 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE)
                .withTimeEmbedding(time).withTimeBias(time).withStaticTokens(staticTokens).withStaticReadout(readout);
        SessionTable table = Fixtures.sessions(7, 12);
        var bindings = Fixtures.bindings(Fixtures.ALL, sessionOffsets);
        NedsModel fused = NedsModel.create(base.withEngine(ModelConfig.FUSED), bindings, table, 5);
        NedsModel graph = NedsModel.create(base.withEngine(ModelConfig.SAMEDIFF), bindings, table, 5);
        if (sessionOffsets) {
            // away from their zero start, so that their share of the hidden gradient is compared too
            for (String m : java.util.List.of("choice", "block")) {
                for (NedsModel model : java.util.List.of(fused, graph)) {
                    INDArray w = model.parameter(m + "/session_w");
                    w.assign(Nd4j.linspace(-0.5, 0.4, w.length(), w.dataType()).reshape(w.shape()));
                    model.parameter(m + "/session_b").assign(0.3);
                }
            }
        }
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
