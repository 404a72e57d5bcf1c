package org.nedsj.eval.baseline;

/**
 * Principal components of z-scored binned spike counts, the compact input of the linear decoders.
 * Means, scales and the covariance come from at most {@code maxBins} evenly spaced training bins;
 * neurons silent in those bins are left out. With no more active neurons than components, the
 * components are the z-scored neurons themselves.
 */
final class SpikeComponents {

    private final int neurons;
    private final int components;
    private final double[] loadings;
    private final double[] offset;

    private SpikeComponents(int neurons, int components, double[] loadings, double[] offset) {
        this.neurons = neurons;
        this.components = components;
        this.loadings = loadings;
        this.offset = offset;
    }

    /**
     * @param counts training counts [rows, neurons] row-major
     */
    static SpikeComponents fit(float[] counts, int rows, int neurons, int components, int maxBins, long seed) {
        int stride = Math.max(1, (rows + maxBins - 1) / maxBins);
        int sampled = (rows + stride - 1) / stride;
        double[] mean = new double[neurons];
        double[] second = new double[neurons];
        for (int r = 0; r < rows; r += stride) {
            int base = r * neurons;
            for (int n = 0; n < neurons; n++) {
                double v = counts[base + n];
                mean[n] += v;
                second[n] += v * v;
            }
        }
        int[] activeIndex = new int[neurons];
        int active = 0;
        double[] scale = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            mean[n] /= sampled;
            double variance = second[n] / sampled - mean[n] * mean[n];
            scale[n] = variance > 1e-12 ? Math.sqrt(variance) : 0;
            activeIndex[n] = scale[n] > 0 ? active++ : -1;
        }
        int k = Math.min(components, active);
        double[] basis = active <= components ? identity(active) : PrincipalComponents.top(
                correlation(counts, rows, neurons, stride, sampled, mean, scale, activeIndex, active), active, k, seed);
        double[] loadings = new double[neurons * k];
        double[] offset = new double[k];
        for (int n = 0; n < neurons; n++) {
            int a = activeIndex[n];
            if (a < 0) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                double l = basis[a * k + j] / scale[n];
                loadings[n * k + j] = l;
                offset[j] += mean[n] * l;
            }
        }
        return new SpikeComponents(neurons, k, loadings, offset);
    }

    private static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) {
            id[i * n + i] = 1;
        }
        return id;
    }

    /** Correlation matrix of the active neurons over the sampled rows, summing only non-zero counts. */
    private static double[] correlation(float[] counts, int rows, int neurons, int stride, int sampled,
                                        double[] mean, double[] scale, int[] activeIndex, int active) {
        double[] m = new double[active * active];
        int[] nonZero = new int[neurons];
        double[] values = new double[neurons];
        for (int r = 0; r < rows; r += stride) {
            int base = r * neurons;
            int nz = 0;
            for (int n = 0; n < neurons; n++) {
                float v = counts[base + n];
                if (v != 0 && activeIndex[n] >= 0) {
                    nonZero[nz] = activeIndex[n];
                    values[nz++] = v;
                }
            }
            for (int i = 0; i < nz; i++) {
                int rowBase = nonZero[i] * active;
                double vi = values[i];
                for (int j = i; j < nz; j++) {
                    m[rowBase + nonZero[j]] += vi * values[j];
                }
            }
        }
        double[] meanA = new double[active];
        double[] scaleA = new double[active];
        for (int n = 0; n < neurons; n++) {
            if (activeIndex[n] >= 0) {
                meanA[activeIndex[n]] = mean[n];
                scaleA[activeIndex[n]] = scale[n];
            }
        }
        double[] corr = new double[active * active];
        for (int i = 0; i < active; i++) {
            for (int j = i; j < active; j++) {
                // nonZero lists are in neuron order, so each pair was summed into its upper-triangle cell
                double c = (m[i * active + j] / sampled - meanA[i] * meanA[j]) / (scaleA[i] * scaleA[j]);
                corr[i * active + j] = c;
                corr[j * active + i] = c;
            }
        }
        return corr;
    }

    int components() {
        return components;
    }

    int neurons() {
        return neurons;
    }

    /**
     * Projects {@code bins} rows of counts starting at {@code counts[from]} ([bins, neurons]) into
     * {@code out[outOffset…]} as [bins, outStride] rows, writing {@link #components()} values per row.
     */
    void project(float[] counts, int from, int bins, double[] out, int outOffset, int outStride) {
        for (int t = 0; t < bins; t++) {
            int o = outOffset + t * outStride;
            for (int j = 0; j < components; j++) {
                out[o + j] = -offset[j];
            }
            int base = from + t * neurons;
            for (int n = 0; n < neurons; n++) {
                float v = counts[base + n];
                if (v == 0) {
                    continue;
                }
                int l = n * components;
                for (int j = 0; j < components; j++) {
                    out[o + j] += v * loadings[l + j];
                }
            }
        }
    }
}
