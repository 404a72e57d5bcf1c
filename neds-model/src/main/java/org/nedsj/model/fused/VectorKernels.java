package org.nedsj.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.FloatBuffer;

/**
 * The exponential-heavy steps (softmax of the attention scores with their scale and time bias, the
 * GELU and its derivative) on the JDK's vector API, with an exponential ({@link LaneExp}) that compiles to
 * SIMD code and gives the same bits however it runs: about ten times faster than ND4J's ops on this data.
 * The vector loop and the scalar tail compute each value with the same float operations in the same
 * order, so a value does not depend on where it falls in a row. Used only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} ({@link #AVAILABLE}); otherwise the transformer keeps ND4J's ops.
 */
final class VectorKernels {

    /** Whether the vector API module is in the boot layer (bin/neds and the tests add it). */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** ND4J's GELU is the sigmoid form x·σ(1.702·x); these kernels compute the same function. */
    static final float GELU_SCALE = 1.702f;

    private VectorKernels() {
    }

    /**
     * Attention probabilities in place: the softmax along each row of the scores {@code x} [B·heads·L, L]
     * of {@code scale · x + bias}, the bias of row (b, h, i) row i of {@code perHead[h]} ([L·L], query-major;
     * none where null). One pass over the scores, which are far larger than the cache, instead of three.
     */
    static void softmaxRows(FloatBuffer x, int rows, int cols, float scale, float[][] perHead, int heads) {
        Lanes.softmaxRows(x, rows, cols, scale, perHead, heads);
    }

    /**
     * Softmax backward along rows, in place in {@code grad}: dS = scale · P ⊙ (dP − Σ_row P ⊙ dP), the
     * gradient of the scores before the forward pass's {@code scale}.
     */
    static void softmaxBackwardRows(FloatBuffer probs, FloatBuffer grad, int rows, int cols, float scale) {
        Lanes.softmaxBackwardRows(probs, grad, rows, cols, scale);
    }

    /** out = x·σ(1.702·x), elementwise over {@code n} values. */
    static void gelu(FloatBuffer x, FloatBuffer out, int n) {
        Lanes.gelu(x, out, n);
    }

    /** grad ← grad · d/dx[x·σ(1.702·x)] = grad · (s + 1.702·x·s·(1 − s)), s = σ(1.702·x). */
    static void geluBackward(FloatBuffer x, FloatBuffer grad, int n) {
        Lanes.geluBackward(x, grad, n);
    }

    /** Holds the vector types, so that loading {@link VectorKernels} never needs the module. */
    private static final class Lanes {
        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
        private static final int BLOCK = 4096;

        static void softmaxRows(FloatBuffer x, int rows, int cols, float scale, float[][] perHead, int heads) {
            KernelThreads.overRows(rows, (from, to, part) -> {
                float[] row = new float[cols];
                float[] lanes = new float[SPECIES.length()];
                for (int r = from; r < to; r++) {
                    x.get(r * cols, row);
                    float[] bias = perHead == null ? null : perHead[(r / cols) % heads];
                    float max = scaleAndShift(row, scale, bias, (r % cols) * cols);
                    multiply(row, 1f / exponentiate(row, max, lanes));
                    x.put(r * cols, row);
                }
            });
        }

        /*
         * Each pass over a row is a method of its own with array and float arguments only: a method this
         * small is always inlined into its loop, where a larger one that passed vectors would box them.
         */

        /** row ← scale · row + bias (where given); returns the row's maximum. */
        private static float scaleAndShift(float[] row, float scale, float[] bias, int biasStart) {
            int bound = SPECIES.loopBound(row.length);
            FloatVector maxes = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, row, j).mul(scale);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(SPECIES, bias, biasStart + j));
                }
                v.intoArray(row, j);
                maxes = maxes.max(v);
            }
            float max = maxes.reduceLanes(VectorOperators.MAX);
            for (; j < row.length; j++) {
                row[j] = row[j] * scale + (bias == null ? 0 : bias[biasStart + j]);
                max = Math.max(max, row[j]);
            }
            return max;
        }

        /** row ← e^(row − max); returns the row's sum. */
        private static float exponentiate(float[] row, float max, float[] lanes) {
            int bound = SPECIES.loopBound(row.length);
            FloatVector sums = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector e = LaneExp.exp(FloatVector.fromArray(SPECIES, row, j).sub(max));
                e.intoArray(row, j);
                sums = sums.add(e);
            }
            sums.intoArray(lanes, 0);
            float sum = sumOfLanes(lanes);
            for (; j < row.length; j++) {
                row[j] = LaneExp.exp(row[j] - max);
                sum += row[j];
            }
            return sum;
        }

        private static void multiply(float[] row, float factor) {
            int bound = SPECIES.loopBound(row.length);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, row, j).mul(factor).intoArray(row, j);
            }
            for (; j < row.length; j++) {
                row[j] *= factor;
            }
        }

        static void softmaxBackwardRows(FloatBuffer probs, FloatBuffer grad, int rows, int cols, float scale) {
            KernelThreads.overRows(rows, (from, to, part) -> {
                float[] p = new float[cols];
                float[] g = new float[cols];
                float[] lanes = new float[SPECIES.length()];
                int bound = SPECIES.loopBound(cols);
                for (int r = from; r < to; r++) {
                    probs.get(r * cols, p);
                    grad.get(r * cols, g);
                    FloatVector dots = FloatVector.zero(SPECIES);
                    int j = 0;
                    for (; j < bound; j += SPECIES.length()) {
                        dots = FloatVector.fromArray(SPECIES, p, j).fma(FloatVector.fromArray(SPECIES, g, j), dots);
                    }
                    dots.intoArray(lanes, 0);
                    float dot = sumOfLanes(lanes);
                    for (; j < cols; j++) {
                        dot += p[j] * g[j];
                    }
                    for (j = 0; j < bound; j += SPECIES.length()) {
                        FloatVector pv = FloatVector.fromArray(SPECIES, p, j);
                        FloatVector.fromArray(SPECIES, g, j).sub(dot).mul(pv.mul(scale)).intoArray(g, j);
                    }
                    for (; j < cols; j++) {
                        g[j] = (g[j] - dot) * (p[j] * scale);
                    }
                    grad.put(r * cols, g);
                }
            });
        }

        static void gelu(FloatBuffer x, FloatBuffer out, int n) {
            blocks(n, (from, length, in, res) -> {
                x.get(from, in, 0, length);
                gelu(in, res, length);
                out.put(from, res, 0, length);
            });
        }

        private static void gelu(float[] in, float[] res, int length) {
            int bound = SPECIES.loopBound(length);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, j);
                FloatVector e = LaneExp.exp(v.mul(-GELU_SCALE));
                v.div(e.add(1f)).intoArray(res, j);
            }
            for (; j < length; j++) {
                res[j] = in[j] / (LaneExp.exp(in[j] * -GELU_SCALE) + 1f);
            }
        }

        static void geluBackward(FloatBuffer x, FloatBuffer grad, int n) {
            blocks(n, (from, length, in, g) -> {
                x.get(from, in, 0, length);
                grad.get(from, g, 0, length);
                geluBackward(in, g, length);
                grad.put(from, g, 0, length);
            });
        }

        private static void geluBackward(float[] in, float[] g, int length) {
            int bound = SPECIES.loopBound(length);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, j);
                FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(LaneExp.exp(v.mul(-GELU_SCALE)).add(1f));
                FloatVector derivative = s.add(v.mul(GELU_SCALE).mul(s).mul(s.neg().add(1f)));
                FloatVector.fromArray(SPECIES, g, j).mul(derivative).intoArray(g, j);
            }
            for (; j < length; j++) {
                float s = 1f / (LaneExp.exp(in[j] * -GELU_SCALE) + 1f);
                g[j] = g[j] * (s + in[j] * GELU_SCALE * s * (-s + 1f));
            }
        }

        /**
         * Lanes a vector was written into, summed from lane 0: the vector API leaves the order of
         * {@code reduceLanes(ADD)} to the platform, and a method taking the vector would box it where not inlined.
         */
        private static float sumOfLanes(float[] lanes) {
            float sum = 0;
            for (float lane : lanes) {
                sum += lane;
            }
            return sum;
        }

        private interface Block {
            void run(int from, int length, float[] a, float[] b);
        }

        /** Runs {@code body} over blocks of {@link #BLOCK} values, with two scratch arrays per worker. */
        private static void blocks(int n, Block body) {
            int count = (n + BLOCK - 1) / BLOCK;
            KernelThreads.overRows(count, (from, to, part) -> {
                float[] a = new float[BLOCK];
                float[] b = new float[BLOCK];
                for (int k = from; k < to; k++) {
                    int start = k * BLOCK;
                    body.run(start, Math.min(BLOCK, n - start), a, b);
                }
            });
        }
    }
}
