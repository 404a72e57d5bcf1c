package org.nedsj.lfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

/**
 * The LFP encoder and decoder against hand-computed values and central differences (double precision), in a batch
 * mixing two sessions of different widths (padding columns are neither read nor scored).
 */
class LfpCodecsTest {

    private static final int H = 3;
    private static final int W = 4;
    private static final int[] WIDTHS = {4, 2};
    private static final int[] SESSION_OF_TRIAL = {1, 0, 1};
    private static final int TOKENS = 2;

    /** A scope over parameters of the declared shapes, filled with seeded values. */
    private static final class Scope implements CodecScope {
        final Map<String, INDArray> parameters = new HashMap<>();
        final Map<String, INDArray> gradients = new HashMap<>();
        final CodecSizes sizes;

        Scope(List<ParameterSpec> specs, CodecSizes sizes, long seed) {
            this.sizes = sizes;
            Random rng = new Random(seed);
            for (ParameterSpec p : specs) {
                long[] shape = p.perSession() ? prepend(WIDTHS.length, p.shape()) : p.shape();
                INDArray a = Nd4j.create(DataType.DOUBLE, shape);
                for (long i = 0; i < a.length(); i++) {
                    a.putScalar(i, rng.nextGaussian() * 0.5);
                }
                parameters.put(p.name(), a);
                gradients.put(p.name(), Nd4j.create(DataType.DOUBLE, shape));
            }
        }

        private static long[] prepend(long first, long[] rest) {
            long[] out = new long[rest.length + 1];
            out[0] = first;
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        }

        @Override
        public CodecSizes sizes() {
            return sizes;
        }

        @Override
        public INDArray parameter(String local) {
            return parameters.get(local);
        }

        @Override
        public INDArray gradient(String local) {
            return gradients.get(local);
        }

        @Override
        public boolean wantsGradients() {
            return true;
        }

        @Override
        public SessionGroups sessions() {
            return new SessionGroups(SESSION_OF_TRIAL);
        }

        @Override
        public INDArray scratch(String purpose, long... shape) {
            return Nd4j.create(DataType.DOUBLE, shape);
        }
    }

    private static INDArray random(long seed, long... shape) {
        Random rng = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextGaussian());
        }
        return a;
    }

    private static CodecSizes sizes() {
        return new CodecSizes(LfpSourceFactory.spec("lfp", TOKENS), H, W, WIDTHS);
    }

    /** Values with zero padding columns for the narrower session. */
    private static INDArray values() {
        INDArray v = random(7, 3, TOKENS, W);
        for (int trial = 0; trial < 3; trial++) {
            for (int c = WIDTHS[SESSION_OF_TRIAL[trial]]; c < W; c++) {
                for (int t = 0; t < TOKENS; t++) {
                    v.putScalar(new long[]{trial, t, c}, 0);
                }
            }
        }
        return v;
    }

    @Test
    void theEncoderAppliesEachSessionsOwnMapAndItsGradientsMatchCentralDifferences() {
        LfpStitchEncoder encoder = new LfpStitchEncoder();
        Scope scope = new Scope(encoder.parameters(sizes()), sizes(), 1);
        INDArray x = values();
        INDArray tokens = encoder.forward(scope, x).dup();
        double expected = scope.parameter("stitch_b").getDouble(1, 2);
        for (int c = 0; c < W; c++) {
            expected += x.getDouble(0, 1, c) * scope.parameter("stitch_w").getDouble(1, c, 2);
        }
        assertEquals(expected, tokens.getDouble(0, 1, 2), 1e-12, "trial 0 (session 1), token 1, hidden 2");

        INDArray upstream = random(9, 3, TOKENS, H);
        encoder.backward(scope, x, upstream);
        for (String name : List.of("stitch_w", "stitch_b")) {
            INDArray p = scope.parameter(name);
            for (long i = 0; i < p.length(); i++) {
                double keep = p.getDouble(i);
                p.putScalar(i, keep + 1e-6);
                double plus = encoder.forward(scope, x).mul(upstream).sumNumber().doubleValue();
                p.putScalar(i, keep - 1e-6);
                double minus = encoder.forward(scope, x).mul(upstream).sumNumber().doubleValue();
                p.putScalar(i, keep);
                assertEquals((plus - minus) / 2e-6, scope.gradient(name).getDouble(i), 1e-6, name + "[" + i + "]");
            }
        }
    }

    @Test
    void theDecodersLossIsTheMeanSquaredErrorOverTargetTokensRealColumnsAndItsGradientsMatch() {
        LfpStitchDecoder decoder = new LfpStitchDecoder();
        Scope scope = new Scope(decoder.parameters(sizes()), sizes(), 2);
        INDArray hidden = random(3, 3, TOKENS, H);
        INDArray truth = values();
        INDArray target = Nd4j.createFromArray(new double[][]{{1, 0}, {1, 1}, {0, 1}});
        ArrayDecoder.Decoded d = decoder.decode(scope, hidden, truth, target);

        double sum = 0;
        int count = 0;
        for (int trial = 0; trial < 3; trial++) {
            int s = SESSION_OF_TRIAL[trial];
            for (int t = 0; t < TOKENS; t++) {
                if (target.getDouble(trial, t) == 0) {
                    continue;
                }
                for (int c = 0; c < WIDTHS[s]; c++) {
                    double p = scope.parameter("readout_b").getDouble(s, c);
                    for (int h = 0; h < H; h++) {
                        p += hidden.getDouble(trial, t, h) * scope.parameter("readout_w").getDouble(s, h, c);
                    }
                    assertEquals(p, d.prediction().getDouble(trial, t, c), 1e-12);
                    sum += (p - truth.getDouble(trial, t, c)) * (p - truth.getDouble(trial, t, c));
                    count++;
                }
            }
        }
        assertEquals(2 + 4 + 4 + 2, count, "(trial 0: 1 token × 2 columns, trial 1: 2 × 4, trial 2: 1 × 2)");
        assertEquals(sum / count, d.loss(), 1e-12);

        INDArray dHidden = d.hiddenGradient().dup();
        Map<String, INDArray> gradients = new HashMap<>();
        scope.gradients.forEach((k, v) -> gradients.put(k, v.dup()));
        for (String name : List.of("readout_w", "readout_b")) {
            INDArray p = scope.parameter(name);
            for (long i = 0; i < p.length(); i++) {
                double keep = p.getDouble(i);
                p.putScalar(i, keep + 1e-6);
                double plus = decoder.decode(scope, hidden, truth, target).loss();
                p.putScalar(i, keep - 1e-6);
                double minus = decoder.decode(scope, hidden, truth, target).loss();
                p.putScalar(i, keep);
                assertEquals((plus - minus) / 2e-6, gradients.get(name).getDouble(i), 1e-6, name + "[" + i + "]");
            }
        }
        for (long i = 0; i < hidden.length(); i++) {
            double keep = hidden.getDouble(i);
            hidden.putScalar(i, keep + 1e-6);
            double plus = decoder.decode(scope, hidden, truth, target).loss();
            hidden.putScalar(i, keep - 1e-6);
            double minus = decoder.decode(scope, hidden, truth, target).loss();
            hidden.putScalar(i, keep);
            assertEquals((plus - minus) / 2e-6, dHidden.getDouble(i), 1e-6, "hidden[" + i + "]");
        }
        assertTrue(LfpPlugin.isBandPower(sizes().modality()));
    }
}
