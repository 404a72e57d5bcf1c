package org.nedsj.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central-difference gradient checks, in double precision, of entries of every parameter of the
 * whole model (both engines; the engines also agree entry for entry, see EngineEquivalenceTest):
 * stitcher and stitch decoder (several trials of one session in the batch, sessions of different
 * widths), linear and static embeddings, mask tokens, modality and session embeddings, RoPE
 * attention, LayerNorm or ScaleNorm, the GELU MLP, and every masked loss.
 */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class GradientCheckTest {

    private static final double EPS = 1e-6;

    /** Entries checked per parameter: its first and last, and some in between. */
    private static final int SAMPLES = 5;

    @ParameterizedTest
    @CsvSource({"layer, fused, false, 1, own, false", "scale, fused, false, 1, own, false",
            "layer, samediff, false, 1, own, false", "layer, fused, true, 1, own, false", "layer, samediff, true, 1, own, false",
            "layer, fused, true, 3, own, false", "layer, samediff, true, 3, own, false", "layer, fused, true, 3, trial, true",
            "layer, samediff, true, 1, own, true", "layer, fused, true, 3, neural, false", "layer, samediff, true, 1, neural, false"})
    void analyticGradientsMatchFiniteDifferences(String norm, String engine, boolean time, int staticTokens, String readout,
                                                 boolean sessionOffsets) {
        ModelConfig config = new ModelConfig(8, 2, 2, 8, norm, 0.0, 0.0, true, 10000, 0, 1e-5, DataType.DOUBLE, engine,
                time, time, staticTokens, readout);
        SessionTable table = Fixtures.sessions(3, 5);
        NedsModel model = NedsModel.create(config, Fixtures.bindings(Fixtures.ALL, sessionOffsets), table, 3);
        if (sessionOffsets) {
            // they start at zero, which would leave their share of the hidden gradient unchecked
            for (String m : List.of("choice", "block")) {
                INDArray w = model.parameter(m + "/session_w");
                w.assign(Nd4j.linspace(-0.5, 0.4, w.length(), w.dataType()).reshape(w.shape()));
                model.parameter(m + "/session_b").assign(0.3);
            }
        }
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0, 0}, 5, 5);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 4, 2);

        var analytic = model.step(batch, plan, 0).gradients();
        List<String> failures = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        int compared = 0;
        for (Parameter p : model.parameters()) {
            INDArray value = model.parameter(p.name());
            INDArray grad = analytic.get(p.name());
            for (long i : sample(value.length())) {
                double numeric = numericGradient(model, batch, plan, value, i);
                double a = grad.getDouble(i);
                double scale = Math.max(Math.abs(a) + Math.abs(numeric), 1e-7);
                if (Math.abs(a - numeric) / scale > 1e-4 && Math.abs(a - numeric) > 1e-8) {
                    failures.add(p.name() + "[" + i + "]: analytic " + a + ", numeric " + numeric);
                }
                compared++;
            }
            checked.add(p.name());
        }
        assertTrue(failures.isEmpty(), engine + "/" + norm + ": " + failures.size() + " of " + compared + " entries differ, e.g. "
                + failures.subList(0, Math.min(8, failures.size())));
        assertTrue(checked.containsAll(Set.of("spikes/stitch_w", "spikes/stitch_out_w", "choice/embedding",
                "layer0/attn/qkv/w", "session_embedding", "wheel/mask_token")), checked.toString());
        assertEquals(time, checked.contains("time_embedding"), checked.toString());
        if (time) {
            double withoutBias = NedsModel.create(config.withTimeBias(false), Fixtures.bindings(Fixtures.ALL), table, 3)
                    .evaluate(batch, plan).loss();
            assertTrue(Math.abs(withoutBias - model.evaluate(batch, plan).loss()) > 1e-6, "the time bias changes nothing");
        }
        assertEquals(model.parameters().size(), checked.size());
        assertTrue(compared >= model.parameters().size(), "compared " + compared);
    }

    private static long[] sample(long length) {
        if (length <= SAMPLES) {
            return java.util.stream.LongStream.range(0, length).toArray();
        }
        return java.util.stream.LongStream.range(0, SAMPLES).map(k -> k * (length - 1) / (SAMPLES - 1)).toArray();
    }

    private static double numericGradient(NedsModel model, Batch batch, MaskPlan plan, INDArray value, long i) {
        double original = value.getDouble(i);
        value.putScalar(i, original + EPS);
        double plus = model.evaluate(batch, plan).loss();
        value.putScalar(i, original - EPS);
        double minus = model.evaluate(batch, plan).loss();
        value.putScalar(i, original);
        return (plus - minus) / (2 * EPS);
    }
}
