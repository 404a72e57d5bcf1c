package org.nedsj.model.fused;

import java.nio.FloatBuffer;

/**
 * The transformer's memory-bound steps written as single passes over float buffers: LayerNorm
 * forward and backward, bias add and bias gradient, and the split into rotated attention heads and
 * back. Each reads and writes every element once, where a chain of ND4J ops reads and writes
 * several times and allocates. Rows are copied in and out in bulk so that the loops run over plain
 * arrays, which the JIT compiles to SIMD code; rows are split between the worker threads.
 */
final class FloatKernels {

    private FloatKernels() {
    }

    /** The parts a pass over rows splits into, for passes that keep one partial sum per part. */
    private static int chunks(int rows) {
        return KernelThreads.parts(rows, KernelThreads.ROWS_PER_PART);
    }

    private static float[] copy(FloatBuffer b, int n) {
        float[] a = new float[n];
        b.get(0, a);
        return a;
    }

    /** 1/√(var + ε) of a row with the given mean, var the biased variance. */
    private static float inverseDeviation(float[] row, float mean, float epsilon) {
        float var = 0;
        for (float v : row) {
            float d = v - mean;
            var += d * d;
        }
        return (float) (1.0 / Math.sqrt(var / row.length + epsilon));
    }

    private static float mean(float[] row) {
        float sum = 0;
        for (float v : row) {
            sum += v;
        }
        return sum / row.length;
    }

    /** y = (x − mean)/√(var + ε) · gain + bias, per row of width {@code h} (var the biased variance). */
    static void layerNorm(FloatBuffer x, FloatBuffer gain, FloatBuffer bias, FloatBuffer y, int rows, int h,
                          float epsilon) {
        float[] g = copy(gain, h);
        float[] b = copy(bias, h);
        KernelThreads.overRows(rows, (from, to, c) -> {
            float[] row = new float[h];
            for (int r = from; r < to; r++) {
                x.get(r * h, row);
                float mean = mean(row);
                float rstd = inverseDeviation(row, mean, epsilon);
                for (int j = 0; j < h; j++) {
                    row[j] = (row[j] - mean) * rstd * g[j] + b[j];
                }
                y.put(r * h, row);
            }
        });
    }

    /**
     * LayerNorm backward: with x̂ the normalised row and g = dy·gain,
     * dx = rstd·(g − mean(g) − x̂·mean(g·x̂)); dgain = Σ dy·x̂ and dbias = Σ dy over rows.
     */
    static void layerNormBackward(FloatBuffer x, FloatBuffer gain, FloatBuffer dy, FloatBuffer dx, FloatBuffer dGain,
                                  FloatBuffer dBias, int rows, int h, float epsilon) {
        float[] gainRow = copy(gain, h);
        int chunks = chunks(rows);
        float[][] partGain = new float[chunks][h];
        float[][] partBias = new float[chunks][h];
        KernelThreads.split(rows, chunks, (from, to, c) -> {
            float[] xhat = new float[h];
            float[] d = new float[h];
            float[] pg = partGain[c];
            float[] pb = partBias[c];
            for (int r = from; r < to; r++) {
                x.get(r * h, xhat);
                dy.get(r * h, d);
                float mean = mean(xhat);
                float rstd = inverseDeviation(xhat, mean, epsilon);
                float meanG = 0;
                float meanGx = 0;
                for (int j = 0; j < h; j++) {
                    float xh = (xhat[j] - mean) * rstd;
                    xhat[j] = xh;
                    pg[j] += d[j] * xh;
                    pb[j] += d[j];
                    float g = d[j] * gainRow[j];
                    meanG += g;
                    meanGx += g * xh;
                }
                meanG /= h;
                meanGx /= h;
                for (int j = 0; j < h; j++) {
                    d[j] = rstd * (d[j] * gainRow[j] - meanG - xhat[j] * meanGx);
                }
                dx.put(r * h, d);
            }
        });
        sumParts(partGain, dGain, h);
        sumParts(partBias, dBias, h);
    }

    private static void sumParts(float[][] parts, FloatBuffer out, int n) {
        for (int j = 0; j < n; j++) {
            float total = 0;
            for (float[] part : parts) {
                total += part[j];
            }
            out.put(j, total);
        }
    }

    /**
     * Columns [{@code offset}, offset + H) of the rows {@code src} (row width {@code srcWidth}), as
     * head-major [B, heads, L, d]; rotated by RoPE when {@code cos} is given: within a head,
     * y_j = x_j·cos_j − x_{j+d/2}·sin_j for j &lt; d/2 and y_j = x_j·cos_j + x_{j−d/2}·sin_j above.
     */
    static void toHeads(FloatBuffer src, int srcWidth, int offset, FloatBuffer dest, float[] cos, float[] sin,
                        int batch, int tokens, int heads, int d) {
        int half = d / 2;
        int hidden = heads * d;
        KernelThreads.overRows(batch * tokens, (from, to, c) -> {
            float[] row = new float[hidden];
            float[] head = new float[d];
            for (int r = from; r < to; r++) {
                int b = r / tokens;
                int l = r % tokens;
                src.get(r * srcWidth + offset, row);
                int t = l * d;
                for (int h = 0; h < heads; h++) {
                    int in = h * d;
                    if (cos == null) {
                        System.arraycopy(row, in, head, 0, d);
                    } else {
                        for (int j = 0; j < half; j++) {
                            float x1 = row[in + j];
                            float x2 = row[in + j + half];
                            head[j] = x1 * cos[t + j] - x2 * sin[t + j];
                            head[j + half] = x2 * cos[t + j + half] + x1 * sin[t + j + half];
                        }
                    }
                    dest.put(((b * heads + h) * tokens + l) * d, head);
                }
            }
        });
    }

    /**
     * The transpose of {@link #toHeads}: head-major [B, heads, L, d] back into columns
     * [{@code offset}, offset + H) of rows of width {@code destWidth}, un-rotating when {@code cos}
     * is given (the gradient of the rotation): x_j = y_j·cos_j + y_{j+d/2}·sin_{j+d/2} for j &lt; d/2
     * and x_j = y_j·cos_j − y_{j−d/2}·sin_{j−d/2} above.
     */
    static void fromHeads(FloatBuffer src, FloatBuffer dest, int destWidth, int offset, float[] cos, float[] sin,
                          int batch, int tokens, int heads, int d) {
        int half = d / 2;
        int hidden = heads * d;
        KernelThreads.overRows(batch * tokens, (from, to, c) -> {
            float[] row = new float[hidden];
            float[] head = new float[d];
            for (int r = from; r < to; r++) {
                int b = r / tokens;
                int l = r % tokens;
                int t = l * d;
                for (int h = 0; h < heads; h++) {
                    src.get(((b * heads + h) * tokens + l) * d, head);
                    int out = h * d;
                    if (cos == null) {
                        System.arraycopy(head, 0, row, out, d);
                    } else {
                        for (int j = 0; j < half; j++) {
                            float y1 = head[j];
                            float y2 = head[j + half];
                            row[out + j] = y1 * cos[t + j] + y2 * sin[t + j + half];
                            row[out + j + half] = y2 * cos[t + j + half] - y1 * sin[t + j];
                        }
                    }
                }
                dest.put(r * destWidth + offset, row);
            }
        });
    }

    /** Adds {@code bias} to every row of {@code out} [rows, cols] (ND4J's row-vector broadcast costs more than the gemm). */
    static void addRowVector(FloatBuffer out, FloatBuffer bias, int rows, int cols) {
        float[] b = copy(bias, cols);
        KernelThreads.overRows(rows, (from, to, c) -> {
            float[] row = new float[cols];
            for (int r = from; r < to; r++) {
                out.get(r * cols, row);
                for (int j = 0; j < cols; j++) {
                    row[j] += b[j];
                }
                out.put(r * cols, row);
            }
        });
    }

    /** Adds {@code perHead[h]} (L·L values) to each slice b·heads + h of {@code scores} [B·heads, L, L]. */
    static void addPerHead(FloatBuffer scores, float[][] perHead, int batch, int heads) {
        int size = perHead[0].length;
        KernelThreads.overRows(batch * heads, (from, to, c) -> {
            float[] slice = new float[size];
            for (int s = from; s < to; s++) {
                float[] bias = perHead[s % heads];
                scores.get(s * size, slice);
                for (int j = 0; j < size; j++) {
                    slice[j] += bias[j];
                }
                scores.put(s * size, slice);
            }
        });
    }

    /** Column sums of {@code x} [rows, cols] into {@code out} [cols]: the gradient of a bias. */
    static void columnSums(FloatBuffer x, int rows, int cols, FloatBuffer out) {
        int chunks = chunks(rows);
        float[][] parts = new float[chunks][cols];
        KernelThreads.split(rows, chunks, (from, to, c) -> {
            float[] row = new float[cols];
            float[] sum = parts[c];
            for (int r = from; r < to; r++) {
                x.get(r * cols, row);
                for (int j = 0; j < cols; j++) {
                    sum[j] += row[j];
                }
            }
        });
        sumParts(parts, out, cols);
    }
}
