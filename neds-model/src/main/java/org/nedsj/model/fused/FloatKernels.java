package org.nedsj.model.fused;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The transformer's memory-bound steps written as single passes over float buffers: LayerNorm
 * forward and backward, and the split into rotated attention heads and back. Each is one read
 * and one write per element, where a chain of ND4J ops reads and writes several times and
 * allocates. Rows are split between the worker threads.
 */
final class FloatKernels {

    private static final int CHUNKS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private FloatKernels() {
    }

    private interface RowRange {
        void run(int from, int to, int chunk);
    }

    private static void parallelRows(int rows, RowRange body) {
        int chunks = Math.min(CHUNKS, Math.max(1, rows / 64));
        if (chunks == 1) {
            body.run(0, rows, 0);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(rows * c / chunks, rows * (c + 1) / chunks, c));
    }

    private static float mean(FloatBuffer x, int offset, int h) {
        float sum = 0;
        for (int j = 0; j < h; j++) {
            sum += x.get(offset + j);
        }
        return sum / h;
    }

    /** 1/√(var + ε) of one row, var the biased variance. */
    private static float inverseDeviation(FloatBuffer x, int offset, int h, float mean, float epsilon) {
        float var = 0;
        for (int j = 0; j < h; j++) {
            float d = x.get(offset + j) - mean;
            var += d * d;
        }
        return (float) (1.0 / Math.sqrt(var / h + epsilon));
    }

    /** y = (x − mean)/√(var + ε) · gain + bias, per row of width {@code h} (var the biased variance). */
    static void layerNorm(FloatBuffer x, FloatBuffer gain, FloatBuffer bias, FloatBuffer y, int rows, int h,
                          float epsilon) {
        parallelRows(rows, (from, to, c) -> {
            for (int r = from; r < to; r++) {
                int o = r * h;
                float mean = mean(x, o, h);
                float rstd = inverseDeviation(x, o, h, mean, epsilon);
                for (int j = 0; j < h; j++) {
                    y.put(o + j, (x.get(o + j) - mean) * rstd * gain.get(j) + bias.get(j));
                }
            }
        });
    }

    /**
     * LayerNorm backward: with x̂ the normalised row and g = dy·gain,
     * dx = rstd·(g − mean(g) − x̂·mean(g·x̂)); dgain = Σ dy·x̂ and dbias = Σ dy over rows.
     */
    static void layerNormBackward(FloatBuffer x, FloatBuffer gain, FloatBuffer dy, FloatBuffer dx, FloatBuffer dGain,
                                  FloatBuffer dBias, int rows, int h, float epsilon) {
        int chunks = Math.min(CHUNKS, Math.max(1, rows / 64));
        float[][] partGain = new float[chunks][h];
        float[][] partBias = new float[chunks][h];
        parallelRows(rows, (from, to, c) -> {
            float[] xhat = new float[h];
            float[] pg = partGain[c];
            float[] pb = partBias[c];
            for (int r = from; r < to; r++) {
                int o = r * h;
                float mean = mean(x, o, h);
                float rstd = inverseDeviation(x, o, h, mean, epsilon);
                float meanG = 0;
                float meanGx = 0;
                for (int j = 0; j < h; j++) {
                    float xh = (x.get(o + j) - mean) * rstd;
                    xhat[j] = xh;
                    float d = dy.get(o + j);
                    pg[j] += d * xh;
                    pb[j] += d;
                    float g = d * gain.get(j);
                    meanG += g;
                    meanGx += g * xh;
                }
                meanG /= h;
                meanGx /= h;
                for (int j = 0; j < h; j++) {
                    float g = dy.get(o + j) * gain.get(j);
                    dx.put(o + j, rstd * (g - meanG - xhat[j] * meanGx));
                }
            }
        });
        for (int j = 0; j < h; j++) {
            float sg = 0;
            float sb = 0;
            for (int c = 0; c < chunks; c++) {
                sg += partGain[c][j];
                sb += partBias[c][j];
            }
            dGain.put(j, sg);
            dBias.put(j, sb);
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
        parallelRows(batch * tokens, (from, to, c) -> {
            for (int r = from; r < to; r++) {
                int b = r / tokens;
                int l = r % tokens;
                int rowBase = r * srcWidth + offset;
                for (int h = 0; h < heads; h++) {
                    int in = rowBase + h * d;
                    int out = ((b * heads + h) * tokens + l) * d;
                    if (cos == null) {
                        for (int j = 0; j < d; j++) {
                            dest.put(out + j, src.get(in + j));
                        }
                        continue;
                    }
                    int t = l * d;
                    for (int j = 0; j < half; j++) {
                        float x1 = src.get(in + j);
                        float x2 = src.get(in + j + half);
                        dest.put(out + j, x1 * cos[t + j] - x2 * sin[t + j]);
                        dest.put(out + j + half, x2 * cos[t + j + half] + x1 * sin[t + j + half]);
                    }
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
        parallelRows(batch * tokens, (from, to, c) -> {
            for (int r = from; r < to; r++) {
                int b = r / tokens;
                int l = r % tokens;
                int rowBase = r * destWidth + offset;
                for (int h = 0; h < heads; h++) {
                    int in = ((b * heads + h) * tokens + l) * d;
                    int out = rowBase + h * d;
                    if (cos == null) {
                        for (int j = 0; j < d; j++) {
                            dest.put(out + j, src.get(in + j));
                        }
                        continue;
                    }
                    int t = l * d;
                    for (int j = 0; j < half; j++) {
                        float y1 = src.get(in + j);
                        float y2 = src.get(in + j + half);
                        dest.put(out + j, y1 * cos[t + j] + y2 * sin[t + j + half]);
                        dest.put(out + j + half, y2 * cos[t + j + half] - y1 * sin[t + j]);
                    }
                }
            }
        });
    }

    /** Adds {@code bias} to every row of {@code out} [rows, cols] (ND4J's row-vector broadcast costs more than the gemm). */
    static void addRowVector(FloatBuffer out, FloatBuffer bias, int rows, int cols) {
        float[] b = new float[cols];
        bias.get(0, b);
        parallelRows(rows, (from, to, c) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                for (int j = 0; j < cols; j++) {
                    out.put(o + j, out.get(o + j) + b[j]);
                }
            }
        });
    }

    /** Column sums of {@code x} [rows, cols] into {@code out} [cols]: the gradient of a bias. */
    static void columnSums(FloatBuffer x, int rows, int cols, FloatBuffer out) {
        int chunks = Math.min(CHUNKS, Math.max(1, rows / 64));
        float[][] parts = new float[chunks][cols];
        parallelRows(rows, (from, to, c) -> {
            float[] sum = parts[c];
            for (int r = from; r < to; r++) {
                int o = r * cols;
                for (int j = 0; j < cols; j++) {
                    sum[j] += x.get(o + j);
                }
            }
        });
        for (int j = 0; j < cols; j++) {
            float total = 0;
            for (float[] part : parts) {
                total += part[j];
            }
            out.put(j, total);
        }
    }
}
