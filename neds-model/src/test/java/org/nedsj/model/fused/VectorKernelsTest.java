package org.nedsj.model.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attention softmax kernels against the formulas computed in double precision, at token counts below,
 * at and across the vector length (the vector loop and the scalar tail).
 */
class VectorKernelsTest {

    private static final int BATCH = 2;
    private static final int HEADS = 3;
    private static final float SCALE = 0.25f;

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37})
    void softmaxOfScaledScoresPlusEachHeadsBias(int tokens) {
        assumeTrue(VectorKernels.AVAILABLE);
        SplittableRandom rng = new SplittableRandom(tokens);
        int rows = BATCH * HEADS * tokens;
        float[] scores = random(rng, rows * tokens, 4);
        float[][] bias = new float[HEADS][];
        for (int h = 0; h < HEADS; h++) {
            bias[h] = random(rng, tokens * tokens, 2);
        }
        FloatBuffer x = FloatBuffer.wrap(scores.clone());
        VectorKernels.softmaxRows(x, rows, tokens, SCALE, bias, HEADS);
        for (int r = 0; r < rows; r++) {
            int h = (r / tokens) % HEADS;
            int query = r % tokens;
            double[] z = new double[tokens];
            double sum = 0;
            for (int j = 0; j < tokens; j++) {
                z[j] = Math.exp(SCALE * scores[r * tokens + j] + bias[h][query * tokens + j]);
                sum += z[j];
            }
            for (int j = 0; j < tokens; j++) {
                assertEquals(z[j] / sum, x.get(r * tokens + j), 1e-6, "row " + r + ", key " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37})
    void softmaxBackwardIsTheScaledJacobianProduct(int tokens) {
        assumeTrue(VectorKernels.AVAILABLE);
        SplittableRandom rng = new SplittableRandom(100 + tokens);
        int rows = BATCH * HEADS * tokens;
        float[] probs = new float[rows * tokens];
        for (int r = 0; r < rows; r++) {
            float[] row = random(rng, tokens, 3);
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v);
            }
            for (int j = 0; j < tokens; j++) {
                probs[r * tokens + j] = (float) (Math.exp(row[j]) / sum);
            }
        }
        float[] grad = random(rng, rows * tokens, 1);
        FloatBuffer g = FloatBuffer.wrap(grad.clone());
        VectorKernels.softmaxBackwardRows(FloatBuffer.wrap(probs), g, rows, tokens, SCALE);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < tokens; i++) {
                // d/ds_i of Σ_j grad_j · p_j(scale · s) = scale · Σ_j grad_j · p_j (δ_ij − p_i)
                double expected = 0;
                double pi = probs[r * tokens + i];
                for (int j = 0; j < tokens; j++) {
                    double pj = probs[r * tokens + j];
                    expected += grad[r * tokens + j] * pj * ((i == j ? 1 : 0) - pi);
                }
                assertEquals(SCALE * expected, g.get(r * tokens + i), 1e-6, "row " + r + ", entry " + i);
            }
        }
    }

    /**
     * A value in the scalar tail of a row gets the bits it would get in a vector lane: the first and the
     * last entry of each row (37 tokens, the last past every vector length) hold the same input.
     */
    @org.junit.jupiter.api.Test
    void theTailComputesWhatTheLanesCompute() {
        assumeTrue(VectorKernels.AVAILABLE);
        int tokens = 37;
        int rows = 16;
        float scale = (float) (1 / Math.sqrt(32));   // a head size of 32; 0.25 would multiply exactly
        SplittableRandom rng = new SplittableRandom(3);
        float[] scores = random(rng, rows * tokens, 4);
        float[] grad = random(rng, rows * tokens, 1);
        float[] activations = random(rng, rows * tokens, 6);
        for (int r = 0; r < rows; r++) {
            scores[r * tokens + tokens - 1] = scores[r * tokens];
            grad[r * tokens + tokens - 1] = grad[r * tokens];
            activations[r * tokens + tokens - 1] = activations[r * tokens];
        }
        FloatBuffer probs = FloatBuffer.wrap(scores.clone());
        VectorKernels.softmaxRows(probs, rows, tokens, scale, null, 1);
        FloatBuffer g = FloatBuffer.wrap(grad.clone());
        VectorKernels.softmaxBackwardRows(probs, g, rows, tokens, scale);
        FloatBuffer gelu = FloatBuffer.allocate(activations.length);
        VectorKernels.gelu(FloatBuffer.wrap(activations), gelu, tokens);
        FloatBuffer geluGrad = FloatBuffer.wrap(grad.clone());
        VectorKernels.geluBackward(FloatBuffer.wrap(activations), geluGrad, tokens);
        for (int r = 0; r < rows; r++) {
            int first = r * tokens;
            int last = first + tokens - 1;
            assertEquals(probs.get(first), probs.get(last), 0f, "softmax, row " + r);
            assertEquals(g.get(first), g.get(last), 0f, "softmax backward, row " + r);
        }
        assertEquals(gelu.get(0), gelu.get(tokens - 1), 0f, "GELU");
        assertEquals(geluGrad.get(0), geluGrad.get(tokens - 1), 0f, "GELU backward");
    }

    private static float[] random(SplittableRandom rng, int n, double spread) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (spread * (2 * rng.nextDouble() - 1));
        }
        return out;
    }
}
